import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { checkPublicForm } from '~/utils/form-security.server'
import { httpError } from '~/utils/http-errors'
import { endResidentSession } from '~/utils/resident-auth.server'

export async function action({ request }: ActionFunctionArgs) {
  const problem = await checkPublicForm(request, await request.formData())
  if (problem) throw httpError(403, problem)
  return redirect('/', { headers: { 'Set-Cookie': await endResidentSession(request) } })
}

export const loader = () => redirect('/passport')
