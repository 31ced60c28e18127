import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSession } from '~/utils/auth.server'
import { requireValidCsrf } from '~/utils/form-security.server'

// Signing out is a POST with the form's CSRF token, so another site cannot sign staff out.
export async function action({ request }: ActionFunctionArgs) {
  await requireValidCsrf(request, await request.formData())
  return redirect('/admin/login', { headers: { 'Set-Cookie': await endSession(request) } })
}

export async function loader() {
  return redirect('/admin')
}
