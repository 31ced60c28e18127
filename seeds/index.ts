import { brandSeeds } from './brands'
import { districtSeeds } from './districts'
import { eventSeeds } from './events'
import { menuItemSeeds } from './menu-items'
import { organisationSeeds } from './organisations'
import { planFigureSeeds } from './plan-figures'
import { schoolOfferSeeds } from './school-offers'
import { venueSeeds } from './venues'
import type { SeedData } from './schema'

export const seedData: SeedData = {
  districts: districtSeeds,
  organisations: organisationSeeds,
  venues: venueSeeds,
  brands: brandSeeds,
  events: eventSeeds,
  planFigures: planFigureSeeds,
  schoolOffers: schoolOfferSeeds,
  menuItems: menuItemSeeds,
}
