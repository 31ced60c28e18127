import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endResidentSession } from '~/models/passport/account.server'
import { checkPublicForm } from '~/utils/form-security.server'
import { httpError } from '~/utils/http-errors'

export async function action({ request }: ActionFunctionArgs) {
  const problem = await checkPublicForm(request, await request.formData())
  if (problem) throw httpError(403, problem)
  return redirect('/', { headers: { 'Set-Cookie': await endResidentSession(request) } })
}

export const loader = () => redirect('/passport')
