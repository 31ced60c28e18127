// Chinese text only staff pages show: list captions, and the plans the seed's figures and brands cite.

/** "你管理的活动（300，只显示最近修改的 300 个）": a count, and a note when the list stopped at its limit. */
export function countCaption(label: string, count: number, limit?: number, limitNote?: string): string {
  return `${label}（${count}${limit !== undefined && count >= limit && limitNote ? `，${limitNote}` : ''}）`
}

/** The plans the seed's figures and brands cite by file number (../shared/plans/README.md), by their titles. */
export const planTitles: Record<string, string> = {
  '000': '松江区科委2025年工作要点',
  '001': '松江区科委2026年工作要点',
  '002': '松江区科技创新“十四五”规划',
  '003': '青浦区科委、科协2024年工作总结和2025年工作计划',
  '004': '闵行区科委2023年工作要点',
}

/**
 * A seed source as staff read it: "plan 001 §五(十五)" → "《松江区科委2026年工作要点》第五部分（十五）";
 * "plan 003 2024 一(四)" → "《…》2024年部分 第一部分（四）". Anything else (a web page) stays as it is.
 */
export function planSourceInWords(source: string): string {
  return source.replace(
    /plan (\d{3})(?: \(([^)]*)\))?((?: (?:§|\d{4} |回顾|重点任务)?[一二三四五六七八九十]*\([一二三四五六七八九十]+\))*)/g,
    (whole, file: string, _aka, sections: string) => {
      const title = planTitles[file]
      if (!title) return whole
      const parts = [...sections.matchAll(/(?:§|(\d{4}) |(回顾|重点任务))?([一二三四五六七八九十]*)\(([一二三四五六七八九十]+)\)/g)].map(
        ([, year, named, part, item]) => `${year ? `${year}年部分 ` : ''}${named ?? ''}${part ? `第${part}部分` : ''}（${item}）`,
      )
      return `《${title}》${parts.join('、')}`
    },
  )
}
