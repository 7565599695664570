import { useEffect } from 'react';
import { openFiles, openPastedText } from './openFile';

/** Ctrl+V anywhere but in a text field opens the clipboard: pasted files, or text such as a log. */
export function usePasteToOpen(): void {
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const data = e.clipboardData;
      if (!data) return;
      if (data.files.length > 0) {
        e.preventDefault();
        void openFiles(data.files);
        return;
      }
      const text = data.getData('text/plain');
      if (text.trim()) {
        e.preventDefault();
        void openPastedText(text);
      }
    };
    addEventListener('paste', onPaste);
    return () => removeEventListener('paste', onPaste);
  }, []);
}
