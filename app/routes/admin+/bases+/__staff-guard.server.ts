// The guard of a base record's staff page: signed-in staff who may see the record (the model's scope rule), else
// 404 before the body is read: another district's application or report is not found, not forbidden.
import { requireStaff, type Staff } from '~/utils/auth.server'
import { notFound } from '~/utils/http-errors'
import { Refusal } from '~/utils/refusal'

export function staffWhoMaySee(read: (staff: Staff) => Promise<unknown>) {
  return async (request: Request): Promise<Staff> => {
    const staff = await requireStaff(request)
    try {
      await read(staff)
    } catch (error) {
      if (error instanceof Refusal) throw notFound(error.message)
      throw error
    }
    return staff
  }
}
