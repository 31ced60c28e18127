// What an action said, above the page: a confirmation read out politely, a refusal as an alert.
export function ActionNotices({ message, error }: { message?: string | null; error?: string | null }) {
  return (
    <>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-warn" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
