// The pages the floor renders, read once when the process starts from the JSON file the bench wrote
// (FLOOR_PAGES): for each, the element trees of the portal's <head> and <body> and the loader data the portal sent with it.
import { readFileSync } from 'node:fs'

/** An element as the portal rendered it: its tag, its attributes and its children; a string is a text node. */
export type Node = string | [tag: string, attributes: Record<string, string>, children: Node[]]
export type FloorPage = { head: Node[]; tree: Node[]; data: unknown; text?: string }

export const pages: Record<string, FloorPage> = process.env.FLOOR_PAGES ? JSON.parse(readFileSync(process.env.FLOOR_PAGES, 'utf8')) : {}
