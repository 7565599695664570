import { openFiles } from './openFile';

/** The one file input of the page, so every "Open" button shows the same picker. */
let pickerInput: HTMLInputElement | null = null;

export function showFilePicker(): void {
  pickerInput?.click();
}

/** The file picker: several files at once, any name, since formats are sniffed from bytes. */
export function OpenFilesButton() {
  return (
    <>
      <button className="primary" onClick={showFilePicker}>
        Open files…
      </button>
      <input
        ref={(input) => {
          pickerInput = input;
        }}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files?.length) void openFiles([...files]);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}
