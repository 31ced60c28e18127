// `npm run admin:create -- --email you@example.cn --name 张三` creates a platform admin with no password and
// prints a one-time link to set one (valid 72 hours). There is never a default password.
import { parseArgs } from 'node:util'
import { createStaff, PASSWORD_LINK_HOURS } from '~/models/staff.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { publicOrigin } from '~/utils/links.server'
import { Refusal } from '~/utils/refusal'
import { emailField } from '~/utils/staff-schema'

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
try {
  const email = emailField.safeParse(values.email ?? '')
  const name = values.name?.trim()
  if (!email.success || !name) {
    console.error('Usage: npm run admin:create -- --email you@example.cn --name 张三')
    process.exitCode = 2
  } else {
    const { linkSecret } = await createStaff(null, { email: email.data, name, role: 'PLATFORM_ADMIN' })
    const origin = publicOrigin()
    console.log(
      `Platform admin ${email.data} created. Open this link within ${PASSWORD_LINK_HOURS} hours to set the password (it works once):`,
    )
    console.log(`${origin}/admin/set-password/${linkSecret}`)
    if (!env.PUBLIC_URL)
      console.error(
        `PUBLIC_URL is not set, so the link uses this machine on PORT (${env.PORT}). From elsewhere, open it on the portal's public address, or set PUBLIC_URL (README, "Environment").`,
      )
  }
} catch (error) {
  console.error(error instanceof Refusal ? error.message : error)
  process.exitCode = 1
} finally {
  await prisma.$disconnect()
}
