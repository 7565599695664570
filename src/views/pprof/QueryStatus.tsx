/** A query's error, or a quiet note while a new result is computed over the old one. */
export function QueryStatus(props: { loading: boolean; error?: string; hasData: boolean }) {
  if (props.error) {
    return (
      <div className="pp-query-error" role="alert" data-testid="query-error">
        {props.error}
      </div>
    );
  }
  if (props.loading) {
    return (
      <div className={props.hasData ? 'pp-updating' : 'pp-loading'} data-testid="query-loading">
        {props.hasData ? 'Updating…' : 'Computing…'}
      </div>
    );
  }
  return null;
}
