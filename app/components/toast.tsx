// The one notice after a post (decision 030): what the flash cookie carried, shown once at the top of the page by
// the root layout, for public and staff pages alike: a `role="status"` notice inside a polite live region that is
// always there, so a screen reader hears a notice that arrives after a post (the live region existed before it), and
// reaches it as the first thing in the page's main region. Sized in
// rem like everything else, so it grows in large-text mode. A client-side navigation away hides it: the root's
// data is not reloaded by every navigation, and a notice belongs to the page it was made for; so does the next post.
import { useLocation, useNavigation } from '@remix-run/react'
import { useRef } from 'react'
import type { Toast as ToastData } from '~/utils/toast.server'

export function Toast({ toast }: { toast: ToastData | null }) {
  const location = useLocation()
  const navigation = useNavigation()
  const shown = useRef<{ toast: ToastData; key: string; over?: boolean } | null>(null)
  if (toast && shown.current?.toast !== toast) shown.current = { toast, key: location.key }
  // The next post or navigation from this page ends it too (its own answer speaks for it).
  if (shown.current && navigation.state !== 'idle') shown.current.over = true
  const visible = toast && shown.current?.key === location.key && !shown.current.over ? toast : null
  return (
    <div className="toast-region" aria-live="polite">
      {visible ? (
        <p
          role="status"
          className={visible.type === 'error' ? 'notice notice-warn toast' : 'notice notice-ok toast'}
          data-toast={visible.type}
        >
          {visible.message}
        </p>
      ) : null}
    </div>
  )
}
