// The short link in a team's messages (/c/<team number>): to the team page, which asks the registrant to sign in.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { normaliseCode } from '~/utils/codes.server'
import { notFound } from '~/utils/http-errors'
import { prisma } from '~/utils/infra/db.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const team = await prisma.competitionTeam.findUnique({
    where: { code: normaliseCode(params.code ?? '') },
    select: { code: true, competition: { select: { slug: true } } },
  })
  if (!team) throw notFound()
  return redirect(`/competitions/${team.competition.slug}/teams/${team.code}`)
}
