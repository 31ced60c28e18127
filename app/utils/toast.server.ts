// The one notice after a post (decision 030), as the Epic Stack's `redirectWithToast`: the action redirects with a
// flash cookie holding the notice, and the root loader reads it once and clears it, so the next page shows it and
// no later one does. Signed with the shared secret, httpOnly, SameSite=Lax, Secure over HTTPS; never in a URL, so a
// notice or a refusal's text is not kept in history, logs or a shared link. The page cache (decision 015) neither
// serves nor stores a page for a request carrying this cookie (it is not a preference cookie), and the answer that
// clears it carries Set-Cookie, which the cache never stores.
import { redirect } from '@remix-run/node'
import { sessionCookieStorage } from '~/utils/auth.server'

export type Toast = { type: 'success' | 'error'; message: string }

export const TOAST_COOKIE = 'kepu_toast'
const TOAST_KEY = 'toast'
// Long enough to survive the redirect on a slow phone; a notice nobody saw in ten minutes is stale.
const storage = (request: Request) => sessionCookieStorage(request, TOAST_COOKIE, 1 / 6)

/** The Set-Cookie header that carries `toast` to the next page. */
export async function toastHeader(request: Request, toast: Toast): Promise<string> {
  const cookies = await storage(request)
  const session = await cookies.getSession()
  session.flash(TOAST_KEY, toast)
  return cookies.commitSession(session)
}

/** Redirects to `url` (a path of this site) with a notice the next page shows once. */
export async function redirectWithToast(request: Request, url: string, toast: Toast | string, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(request, typeof toast === 'string' ? { type: 'success', message: toast } : toast))
  return redirect(url, { ...init, headers })
}

/** For the root loader: the notice waiting for this page, and the header that clears it (read once), or nothing. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; headers?: Record<string, string> }> {
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader?.includes(`${TOAST_COOKIE}=`)) return { toast: null }
  const cookies = await storage(request)
  const session = await cookies.getSession(cookieHeader)
  const toast = session.get(TOAST_KEY) as Toast | undefined
  return {
    toast:
      toast && typeof toast.message === 'string' ? { type: toast.type === 'error' ? 'error' : 'success', message: toast.message } : null,
    headers: { 'Set-Cookie': await cookies.destroySession(session) },
  }
}
