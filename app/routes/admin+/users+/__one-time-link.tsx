/** A set-password link shown once to the admin who made it; only its hash is stored. */
export function OneTimeLink({ email, url }: { email: string; url: string }) {
  return (
    <div className="notice" role="status">
      <p>已为 {email} 生成设置密码链接（仅显示这一次，3 天内有效，只能使用一次）：</p>
      <p>
        <input className="copy-field" readOnly value={url} aria-label="设置密码链接" onFocus={(e) => e.currentTarget.select()} />
      </p>
    </div>
  )
}
