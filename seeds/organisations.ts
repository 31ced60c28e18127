// Organisations the plans name as organisers of the districts' 科普 work.
import type { OrganisationSeed } from './schema'

export const organisationSeeds: OrganisationSeed[] = [
  {
    slug: 'songjiang-stc',
    name: '松江区科学技术委员会',
    kind: 'SCIENCE_COMMITTEE',
    district: '松江区',
    source: 'plans 000/001 (松江区科委工作要点)',
  },
  { slug: 'songjiang-sta', name: '松江区科学技术协会', kind: 'SCIENCE_ASSOCIATION', district: '松江区', source: 'plan 000 §五(十三)' },
  {
    slug: 'songjiang-science-museum-org',
    name: '松江区科技馆',
    kind: 'MUSEUM',
    district: '松江区',
    source: 'plan 001 §五(十五); shared/data/venues-researched.json',
  },
  {
    slug: 'qingpu-stc',
    name: '青浦区科学技术委员会',
    kind: 'SCIENCE_COMMITTEE',
    district: '青浦区',
    source: 'plan 003 (青浦区科委、科协)',
  },
  {
    slug: 'qingpu-sta',
    name: '青浦区科学技术协会',
    kind: 'SCIENCE_ASSOCIATION',
    district: '青浦区',
    source: 'plan 003 (青浦区科委、科协)',
  },
  {
    slug: 'minhang-stc',
    name: '闵行区科学技术委员会',
    kind: 'SCIENCE_COMMITTEE',
    district: '闵行区',
    source: 'plan 004 (闵行区科委2023年工作要点)',
  },
]
