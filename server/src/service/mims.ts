/**
 * The Minimal Interoperability Mechanisms of OASC (ITU-T Y.4505) that rules serve. Two editions are in use:
 * the 2022 numbering (MIM1 Context ... MIM7 Places) and the newer capability-and-requirement format, in
 * which some MIMs were renamed by topic. Rules name the MIM by number and topic in both.
 */
export type MimId = 'MIM1' | 'MIM2' | 'MIM3' | 'MIM4' | 'MIM5' | 'MIM6' | 'MIM7';

export interface MimInfo {
  id: MimId;
  /** Name in the 2022 edition. */
  name2022: string;
  /** Topic in the capability-and-requirement edition. */
  topic: string;
  /** Public page of the mechanism. */
  url: string;
}

export const MIMS: Readonly<Record<MimId, MimInfo>> = {
  MIM1: {
    id: 'MIM1',
    name2022: 'Context Information Management',
    topic: 'Accessing and interlinking data',
    url: 'https://mims.oascities.org/',
  },
  MIM2: { id: 'MIM2', name2022: 'Data Models', topic: 'Representing data', url: 'https://mims.oascities.org/' },
  MIM3: { id: 'MIM3', name2022: 'Contracts', topic: 'Ecosystem transaction management', url: 'https://mims.oascities.org/' },
  MIM4: { id: 'MIM4', name2022: 'Trust', topic: 'Personal data', url: 'https://mims.oascities.org/mim4-personal-data' },
  MIM5: { id: 'MIM5', name2022: 'Transparency', topic: 'Fair AI', url: 'https://mims.oascities.org/' },
  MIM6: { id: 'MIM6', name2022: 'Security', topic: 'Security', url: 'https://mims.oascities.org/' },
  MIM7: {
    id: 'MIM7',
    name2022: 'Places',
    topic: 'Geospatial data',
    url: 'https://mims.oascities.org/geospatial-data/capabilities-and-requirements',
  },
};
