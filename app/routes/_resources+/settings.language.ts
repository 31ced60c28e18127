// The language switch: a plain form post (works without JavaScript), remembered in a cookie, then back to the page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '~/utils/auth.server'
import { defaultLanguage, isLanguage } from '~/utils/i18n'
import { languageCookieHeader } from '~/utils/i18n.server'

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const chosen = form.get('language')
  const language = isLanguage(chosen) ? chosen : defaultLanguage
  // Drop a `lng` parameter from the page we return to: it would override the choice just made.
  const back = new URL(safeRedirect(String(form.get('back') ?? '/'), '/'), 'http://kepu.invalid')
  back.searchParams.delete('lng')
  return redirect(back.pathname + back.search, { headers: { 'Set-Cookie': await languageCookieHeader(language) } })
}

export function loader() {
  return redirect('/')
}
