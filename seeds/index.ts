import { brandSeeds } from './brands'
import { districtSeeds } from './districts'
import { eventSeeds } from './events'
import { organisationSeeds } from './organisations'
import { planFigureSeeds } from './plan-figures'
import type { SeedData } from './schema'
import { venueSeeds } from './venues'

export const seedData: SeedData = {
  districts: districtSeeds,
  organisations: organisationSeeds,
  venues: venueSeeds,
  brands: brandSeeds,
  events: eventSeeds,
  planFigures: planFigureSeeds,
}
