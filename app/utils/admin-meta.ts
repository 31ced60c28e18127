/** Title and robots tags for a staff page: never indexed, even if a link to it leaks. */
export function adminMeta(title: string) {
  return [{ title: `${title} · 科普地图工作台` }, { name: 'robots', content: 'noindex, nofollow' }]
}
