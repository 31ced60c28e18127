// One page of the floor: the loader hands over plain data (the loader data the portal sent with the same page), and
// the component renders the portal's markup as React elements, created afresh on every render as components do.
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { pages } from '../pages.server'
import { render } from '../render'

export async function loader({ params }: LoaderFunctionArgs) {
  const page = pages[params.page ?? '']
  if (!page) throw new Response('Not found', { status: 404 })
  return json({ page: params.page!, data: page.data })
}

export default function Page() {
  const { page } = useLoaderData<typeof loader>()
  return <>{pages[page].tree.map(render)}</>
}
