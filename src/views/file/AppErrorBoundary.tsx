import { Component, type ReactNode } from 'react';

/** A view that throws shows what broke instead of blanking the page; other files stay usable. */
export class AppErrorBoundary extends Component<
  { children: ReactNode },
  { error: Error | undefined }
> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="error-panel" data-testid="error" role="alert">
          <h2>This view failed</h2>
          <p>{this.state.error.message}</p>
          <button onClick={() => this.setState({ error: undefined })}>Try again</button>
        </div>
      );
    }
    return this.props.children;
  }
}
