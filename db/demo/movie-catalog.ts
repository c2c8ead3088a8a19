// Twenty invented films (no real titles), each with where it is distributed and how it can be projected.
import type { FormatCode } from './chain-spec.js';

/** A film of the demo catalogue; release and close dates are days relative to "today". */
export type MovieSpec = {
  title: string;
  synopsis: string;
  genres: string[];
  /** The original language first, then dubbed versions. */
  languages: string[];
  /** In the rating system of its home market (CBFC in India, MPA in the US, BBFC in the UK). */
  certification: string;
  cast: string[];
  durationMinutes: number;
  ratingTenths: number | null;
  releaseInDays: number;
  closeInDays: number | null;
  formats: FormatCode[];
  /** Countries it is distributed in. */
  markets: string[];
  /** How much of the schedule it gets: blockbusters 8–10, niche films 1–3. */
  popularity: number;
};

const IN = ['IN'];
const IN_GB = ['IN', 'GB'];
const ALL = ['IN', 'GB', 'US'];
const WEST = ['GB', 'US'];

/** The catalogue, in the order their ids are made. */
export const MOVIES: MovieSpec[] = [
  {
    title: 'Monsoon Ledger',
    synopsis:
      'A meticulous Mumbai auditor finds a single wrong entry in a shipping company’s books and follows it into the city’s flooded docks, where someone is willing to kill to keep the numbers balanced.',
    genres: ['Thriller', 'Drama'],
    languages: ['Hindi', 'Tamil', 'Telugu'],
    certification: 'UA 13+',
    cast: ['Kabir Anand', 'Meera Deshpande', 'Vikram Sethi', 'Ruhi Kapadia'],
    durationMinutes: 148,
    ratingTenths: 81,
    releaseInDays: -17,
    closeInDays: null,
    formats: ['2D'],
    markets: IN_GB,
    popularity: 7,
  },
  {
    title: 'Rann Bhoomi: The Last Fort',
    synopsis:
      'In 1739 a garrison of four hundred holds a desert fort against an army of thousands for nine days, led by a reluctant commander who would rather have been a poet.',
    genres: ['Action', 'History', 'War'],
    languages: ['Hindi', 'Tamil', 'Telugu'],
    certification: 'UA 16+',
    cast: ['Arjun Rathore', 'Sanya Bedi', 'Devendra Kulkarni', 'Imran Qazi'],
    durationMinutes: 172,
    ratingTenths: 76,
    releaseInDays: -6,
    closeInDays: null,
    formats: ['2D', '3D', 'IMAX', '4DX'],
    markets: ALL,
    popularity: 10,
  },
  {
    title: 'Chai & Chaos',
    synopsis:
      'Two rival tea stalls on the same railway platform are forced to share one licence, one kettle and, eventually, one very complicated wedding.',
    genres: ['Comedy', 'Romance'],
    languages: ['Hindi'],
    certification: 'UA 7+',
    cast: ['Rohan Mistry', 'Ananya Gokhale', 'Pankaj Tiwari'],
    durationMinutes: 128,
    ratingTenths: 72,
    releaseInDays: -24,
    closeInDays: 3,
    formats: ['2D'],
    markets: IN,
    popularity: 4,
  },
  {
    title: 'Kaaval Nilai',
    synopsis:
      'A night-shift constable at a sleepy Madurai police station has until sunrise to protect a witness that three gangs, and his own inspector, want silenced.',
    genres: ['Action', 'Crime', 'Thriller'],
    languages: ['Tamil', 'Telugu', 'Hindi'],
    certification: 'UA 16+',
    cast: ['Senthil Murugan', 'Kavya Raghavan', 'Prakash Iyer'],
    durationMinutes: 156,
    ratingTenths: 84,
    releaseInDays: -10,
    closeInDays: null,
    formats: ['2D', '4DX'],
    markets: IN_GB,
    popularity: 7,
  },
  {
    title: 'Agni Pravaham',
    synopsis:
      'A village blacksmith discovers he is the last keeper of a fire older than the gods, and must carry it across a kingdom that has forgotten why it was lit.',
    genres: ['Fantasy', 'Action', 'Mythology'],
    languages: ['Telugu', 'Hindi', 'Tamil'],
    certification: 'UA 13+',
    cast: ['Vikas Chandra Varma', 'Lakshmi Pothuri', 'Nagendra Rao', 'Farah Siddiqui'],
    durationMinutes: 165,
    ratingTenths: null,
    releaseInDays: 2,
    closeInDays: null,
    formats: ['2D', '3D', 'IMAX', '4DX'],
    markets: ALL,
    popularity: 9,
  },
  {
    title: 'Ghar Wapsi Express',
    synopsis:
      'Three generations of a Lucknow family squeeze into one train compartment for a 30-hour journey home for Diwali, and every secret they have comes along for the ride.',
    genres: ['Comedy', 'Family', 'Drama'],
    languages: ['Hindi'],
    certification: 'U',
    cast: ['Sharmila Khanna', 'Aditya Verma', 'Nisha Chauhan', 'Om Prakash Dubey'],
    durationMinutes: 136,
    ratingTenths: 78,
    releaseInDays: -31,
    closeInDays: null,
    formats: ['2D'],
    markets: IN_GB,
    popularity: 5,
  },
  {
    title: 'Aamhi Saare Veer',
    synopsis:
      'A retired kabaddi coach turns a team of schoolgirls from a Konkan fishing village into state contenders, one impossible raid at a time.',
    genres: ['Sports', 'Drama'],
    languages: ['Marathi', 'Hindi'],
    certification: 'U',
    cast: ['Sachin Patwardhan', 'Gauri Salunkhe', 'Mukta Jadhav'],
    durationMinutes: 142,
    ratingTenths: 86,
    releaseInDays: -12,
    closeInDays: null,
    formats: ['2D'],
    markets: IN,
    popularity: 4,
  },
  {
    title: 'Midnight at Marine Drive',
    synopsis:
      'A jazz pianist and a night-shift doctor meet by chance on the sea wall and promise to meet again only when it rains, for one monsoon season.',
    genres: ['Romance', 'Drama', 'Music'],
    languages: ['Hindi'],
    certification: 'UA 13+',
    cast: ['Karan Bhalla', 'Tara Menon', 'Zoya Merchant'],
    durationMinutes: 131,
    ratingTenths: 69,
    releaseInDays: 0,
    closeInDays: null,
    formats: ['2D'],
    markets: IN_GB,
    popularity: 6,
  },
  {
    title: 'Dongri Diaries',
    synopsis:
      'An investigative journalist reconstructs thirty years of the city’s underworld from the notebooks of a murdered tailor who kept everyone’s measurements, and everyone’s secrets.',
    genres: ['Crime', 'Drama'],
    languages: ['Hindi'],
    certification: 'A',
    cast: ['Nawab Ansari', 'Priya Raje', 'Hemant Joshi'],
    durationMinutes: 152,
    ratingTenths: 83,
    releaseInDays: -3,
    closeInDays: null,
    formats: ['2D'],
    markets: IN,
    popularity: 5,
  },
  {
    title: 'Saltwater Requiem',
    synopsis:
      'After her father’s trawler is lost off the Cornish coast, a marine biologist returns home to a village that would rather keep its drowned secrets than the truth.',
    genres: ['Drama', 'Mystery'],
    languages: ['English'],
    certification: '12A',
    cast: ['Eleanor Hartley', 'Callum Pryce', 'Bridget Ashworth'],
    durationMinutes: 118,
    ratingTenths: 77,
    releaseInDays: -20,
    closeInDays: 5,
    formats: ['2D'],
    markets: WEST,
    popularity: 3,
  },
  {
    title: 'Orbital Drift',
    synopsis:
      'When a debris cascade strands the crew of a mining station, its youngest engineer plots a way home through a sky that is falling apart around them.',
    genres: ['Science Fiction', 'Thriller'],
    languages: ['English', 'Hindi', 'Spanish'],
    certification: 'PG-13',
    cast: ['Maya Okonkwo', 'Daniel Reyes', 'Greta Lindqvist', 'Tom Whitaker'],
    durationMinutes: 142,
    ratingTenths: 82,
    releaseInDays: -8,
    closeInDays: null,
    formats: ['2D', '3D', 'IMAX', '4DX'],
    markets: ALL,
    popularity: 9,
  },
  {
    title: 'Paper Lanterns',
    synopsis:
      'A shy girl’s origami lantern comes to life on the night of the harvest festival and leads her on a journey to find her grandmother’s lost song.',
    genres: ['Animation', 'Family', 'Adventure'],
    languages: ['English', 'Hindi', 'Spanish'],
    certification: 'PG',
    cast: ['Lily Tanaka', 'Oscar Bellamy', 'Rosa Delgado'],
    durationMinutes: 96,
    ratingTenths: 80,
    releaseInDays: -14,
    closeInDays: null,
    formats: ['2D', '3D'],
    markets: ALL,
    popularity: 6,
  },
  {
    title: 'Quiet Harbor',
    synopsis:
      'A ferry captain in a Maine island town suspects that the newcomer renting the lighthouse is not who he claims to be, and that he is not there for the view.',
    genres: ['Thriller', 'Mystery'],
    languages: ['English'],
    certification: 'R',
    cast: ['Walt Brenner', 'Hannah Sorensen', 'Malik Jefferson'],
    durationMinutes: 111,
    ratingTenths: 71,
    releaseInDays: -22,
    closeInDays: null,
    formats: ['2D'],
    markets: WEST,
    popularity: 4,
  },
  {
    title: 'Redline Protocol',
    synopsis:
      'A disgraced getaway driver is hired to move a stolen prototype across three borders in one night, with the people who built it close behind.',
    genres: ['Action', 'Thriller'],
    languages: ['English', 'Hindi', 'Tamil', 'Spanish'],
    certification: 'PG-13',
    cast: ['Jax Moreno', 'Sasha Ivanova', 'Derek Osei', 'Kimiko Hale'],
    durationMinutes: 129,
    ratingTenths: 68,
    releaseInDays: -4,
    closeInDays: null,
    formats: ['2D', 'IMAX', '4DX'],
    markets: ALL,
    popularity: 8,
  },
  {
    title: 'The Cartographer’s Secret',
    synopsis:
      'An apprentice mapmaker in 1820s Lisbon finds a chart of an island that does not exist, and a crew willing to sail off the edge of the map to prove her wrong.',
    genres: ['Adventure', 'Family'],
    languages: ['English', 'Hindi', 'Spanish'],
    certification: 'PG-13',
    cast: ['Isabel Marques', 'Henry Fairclough', 'Tomas Vidal'],
    durationMinutes: 137,
    ratingTenths: 74,
    releaseInDays: -28,
    closeInDays: null,
    formats: ['2D', '3D', 'IMAX'],
    markets: ALL,
    popularity: 5,
  },
  {
    title: 'Bad Math',
    synopsis:
      'Four burned-out accountants discover a rounding error that could make them rich, if they can survive a week of audits, a wedding and their own incompetence.',
    genres: ['Comedy', 'Crime'],
    languages: ['English'],
    certification: 'R',
    cast: ['Nate Goldberg', 'Priya Shah', 'Marcus Bell', 'Lucy Frampton'],
    durationMinutes: 102,
    ratingTenths: 66,
    releaseInDays: -11,
    closeInDays: null,
    formats: ['2D'],
    markets: WEST,
    popularity: 5,
  },
  {
    title: 'Hollow Pines',
    synopsis:
      'A family moves into a summer cabin where the trees seem to lean a little closer every night, and the previous owners’ guestbook ends mid-sentence.',
    genres: ['Horror'],
    languages: ['English', 'Hindi'],
    certification: 'R',
    cast: ['Abigail Crane', 'Ethan Marsh', 'Noor Haddad'],
    durationMinutes: 98,
    ratingTenths: 63,
    releaseInDays: -2,
    closeInDays: null,
    formats: ['2D', '4DX'],
    markets: ALL,
    popularity: 5,
  },
  {
    title: 'A Thousand Small Goodbyes',
    synopsis:
      'Over one year of Sunday phone calls, a widowed father and his estranged daughter in another time zone learn to say what they never could in person.',
    genres: ['Drama', 'Romance'],
    languages: ['English'],
    certification: 'PG-13',
    cast: ['Graham Whitfield', 'June Park', 'Celia Moreau'],
    durationMinutes: 121,
    ratingTenths: 79,
    releaseInDays: 4,
    closeInDays: null,
    formats: ['2D'],
    markets: WEST,
    popularity: 4,
  },
  {
    title: 'El Último Verano en Oaxaca',
    synopsis:
      'Three cousins spend a final summer in their grandmother’s house before it is sold, and uncover the love story she kept hidden for sixty years.',
    genres: ['Drama', 'Family'],
    languages: ['Spanish', 'English'],
    certification: 'PG-13',
    cast: ['Valeria Ortiz', 'Mateo Cruz', 'Ximena Robles'],
    durationMinutes: 119,
    ratingTenths: 85,
    releaseInDays: -15,
    closeInDays: null,
    formats: ['2D'],
    markets: WEST,
    popularity: 3,
  },
  {
    title: 'Thunderpaws',
    synopsis:
      'A clumsy sheepdog who is terrified of storms must lead the farm’s animals to safety when the biggest thunderstorm in a hundred years rolls in.',
    genres: ['Animation', 'Comedy', 'Family'],
    languages: ['English', 'Hindi', 'Tamil', 'Spanish'],
    certification: 'G',
    cast: ['Benny Harlow', 'Stella Quinn', 'Ravi Sundaram'],
    durationMinutes: 92,
    ratingTenths: 73,
    releaseInDays: -7,
    closeInDays: null,
    formats: ['2D', '3D'],
    markets: ALL,
    popularity: 6,
  },
];
