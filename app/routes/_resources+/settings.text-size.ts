// The large-text switch (适老化): a plain form post, so it works without JavaScript, then back to the page.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirect } from '~/utils/auth.server'
import { textSizeCookieHeader } from '~/utils/infra/preferences.server'

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const large = form.get('size') === 'large'
  return redirect(safeRedirect(String(form.get('back') ?? '/'), '/'), { headers: { 'Set-Cookie': await textSizeCookieHeader(large) } })
}

export function loader() {
  return redirect('/')
}
