// The demo chain as data: three cities, four cinemas in three time zones, twelve screens.
import type { LayoutSpec } from './layouts.js';
import type { CategoryCode } from './types.js';

/** A projection format a screen can show. */
export type FormatCode = '2D' | '3D' | 'IMAX' | '4DX';

/** One screen: its name, cleaning buffer, what it can project and its seats. */
export type ScreenSpec = {
  name: string;
  cleaningMinutes: number;
  formats: FormatCode[];
  layout: LayoutSpec;
};

/** One cinema with everything that differs by country: zone, money, languages, prices. */
export type CinemaSpec = {
  key: string;
  city: string;
  name: string;
  address: string;
  timeZone: string;
  currency: string;
  locale: string;
  /** Languages its audience buys tickets for; shows are only scheduled in these. */
  languages: string[];
  /** Weekday afternoon price per category in minor units, before format and ticket type. */
  basePrice: Record<CategoryCode, number>;
  /** Prices are rounded to this many minor units (₹10, 50p, 25¢), as a price board would show. */
  priceStep: number;
  screens: ScreenSpec[];
};

/** A city of the chain. */
export type CitySpec = { key: string; name: string; country: string };

/** The chain's name. */
export const CHAIN_NAME = 'Marquee Cinemas';

/** The cities, in the order their ids are made. */
export const CITIES: CitySpec[] = [
  { key: 'mumbai', name: 'Mumbai', country: 'IN' },
  { key: 'london', name: 'London', country: 'GB' },
  { key: 'new-york', name: 'New York', country: 'US' },
];

const INDIA = { timeZone: 'Asia/Kolkata', currency: 'INR', locale: 'en-IN', priceStep: 1000 };
const INDIAN_LANGUAGES = ['Hindi', 'English', 'Marathi', 'Tamil', 'Telugu'];

/** The cinemas; the first one also gets a self-service kiosk. */
export const CINEMAS: CinemaSpec[] = [
  {
    key: 'andheri',
    city: 'mumbai',
    name: 'Marquee Andheri',
    address: '3rd Floor, Link Square, New Link Road, Andheri West, Mumbai 400053',
    ...INDIA,
    languages: INDIAN_LANGUAGES,
    basePrice: { STD: 25000, PRM: 32000, RCL: 60000 },
    screens: [
      {
        name: 'Audi 1 IMAX',
        cleaningMinutes: 25,
        formats: ['2D', '3D', 'IMAX'],
        layout: {
          groups: [
            { category: 'STD', rows: 10, seats: [22, 28] },
            { category: 'PRM', rows: 5, seats: [28, 30] },
            { category: 'RCL', rows: 2, seats: [20, 20] },
          ],
          aisles: 'sides',
          curved: true,
          accessible: 'front',
          wheelchairs: 4,
        },
      },
      {
        name: 'Audi 2',
        cleaningMinutes: 20,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'STD', rows: 8, seats: [18, 22] },
            { category: 'PRM', rows: 4, seats: [22, 22] },
            { category: 'RCL', rows: 1, seats: [14, 14] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'front',
          wheelchairs: 2,
        },
      },
      {
        name: 'Audi 3',
        cleaningMinutes: 15,
        formats: ['2D'],
        layout: {
          groups: [
            { category: 'STD', rows: 8, seats: [14, 18] },
            { category: 'PRM', rows: 3, seats: [18, 18] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'back',
          wheelchairs: 2,
        },
      },
      {
        name: 'Audi 4 Insignia',
        cleaningMinutes: 20,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'PRM', rows: 2, seats: [14, 14] },
            { category: 'RCL', rows: 5, seats: [12, 12] },
          ],
          aisles: 'none',
          curved: false,
          accessible: 'front',
          wheelchairs: 2,
        },
      },
    ],
  },
  {
    key: 'lower-parel',
    city: 'mumbai',
    name: 'Marquee Lower Parel',
    address: 'Mill Compound, Senapati Bapat Marg, Lower Parel, Mumbai 400013',
    ...INDIA,
    languages: INDIAN_LANGUAGES,
    basePrice: { STD: 28000, PRM: 36000, RCL: 70000 },
    screens: [
      {
        name: 'Audi 1 4DX',
        cleaningMinutes: 25,
        formats: ['2D', '3D', '4DX'],
        layout: {
          groups: [
            { category: 'STD', rows: 6, seats: [16, 18] },
            { category: 'PRM', rows: 3, seats: [18, 18] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'front',
          wheelchairs: 2,
        },
      },
      {
        name: 'Audi 2',
        cleaningMinutes: 20,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'STD', rows: 9, seats: [18, 24] },
            { category: 'PRM', rows: 4, seats: [24, 24] },
            { category: 'RCL', rows: 2, seats: [16, 16] },
          ],
          aisles: 'sides',
          curved: true,
          accessible: 'front',
          wheelchairs: 4,
        },
      },
      {
        name: 'Audi 3',
        cleaningMinutes: 15,
        formats: ['2D'],
        layout: {
          groups: [
            { category: 'STD', rows: 7, seats: [12, 14] },
            { category: 'PRM', rows: 2, seats: [14, 14] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'back',
          wheelchairs: 2,
        },
      },
    ],
  },
  {
    key: 'shoreditch',
    city: 'london',
    name: 'Marquee Shoreditch',
    address: '112 Great Eastern Street, London EC2A 3JD',
    timeZone: 'Europe/London',
    currency: 'GBP',
    locale: 'en-GB',
    priceStep: 50,
    languages: ['English', 'Hindi', 'Spanish'],
    basePrice: { STD: 1250, PRM: 1550, RCL: 1950 },
    screens: [
      {
        name: 'Screen 1',
        cleaningMinutes: 20,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'STD', rows: 9, seats: [18, 22] },
            { category: 'PRM', rows: 4, seats: [22, 22] },
            { category: 'RCL', rows: 2, seats: [14, 14] },
          ],
          aisles: 'sides',
          curved: true,
          accessible: 'front',
          wheelchairs: 4,
        },
      },
      {
        name: 'Screen 2',
        cleaningMinutes: 15,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'STD', rows: 7, seats: [14, 16] },
            { category: 'PRM', rows: 3, seats: [16, 16] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'back',
          wheelchairs: 2,
        },
      },
      {
        name: 'Screen 3',
        cleaningMinutes: 15,
        formats: ['2D'],
        layout: {
          groups: [
            { category: 'PRM', rows: 5, seats: [12, 12] },
            { category: 'RCL', rows: 3, seats: [10, 10] },
          ],
          aisles: 'none',
          curved: false,
          accessible: 'front',
          wheelchairs: 2,
        },
      },
    ],
  },
  {
    key: 'brooklyn',
    city: 'new-york',
    name: 'Marquee Brooklyn',
    address: '445 Atlantic Avenue, Brooklyn, NY 11217',
    timeZone: 'America/New_York',
    currency: 'USD',
    locale: 'en-US',
    priceStep: 25,
    languages: ['English', 'Spanish'],
    basePrice: { STD: 1650, PRM: 1950, RCL: 2450 },
    screens: [
      {
        name: 'IMAX',
        cleaningMinutes: 25,
        formats: ['2D', '3D', 'IMAX'],
        layout: {
          groups: [
            { category: 'STD', rows: 11, seats: [22, 28] },
            { category: 'PRM', rows: 5, seats: [28, 28] },
            { category: 'RCL', rows: 1, seats: [20, 20] },
          ],
          aisles: 'sides',
          curved: true,
          accessible: 'front',
          wheelchairs: 4,
        },
      },
      {
        name: 'Theater 2',
        cleaningMinutes: 20,
        formats: ['2D', '3D'],
        layout: {
          groups: [
            { category: 'STD', rows: 8, seats: [16, 20] },
            { category: 'PRM', rows: 4, seats: [20, 20] },
            { category: 'RCL', rows: 2, seats: [12, 12] },
          ],
          aisles: 'center',
          curved: false,
          accessible: 'front',
          wheelchairs: 2,
        },
      },
    ],
  },
];
