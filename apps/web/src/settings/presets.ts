import demoTexts from '@explainable-ecco/demo-model/demo-texts.json' with { type: 'json' };

/** A built-in example: a text and the NMF settings that show its factors well. */
export interface Preset {
  name: string;
  title: string;
  text: string;
  components: number;
  layers: 'all' | 'last';
}

/** The demo texts that ship with the demo model, in file order. */
export function presets(): Preset[] {
  return Object.entries(demoTexts as Record<string, Omit<Preset, 'name'>>).map(([name, p]) => ({
    name,
    title: p.title,
    text: p.text,
    components: p.components,
    layers: p.layers === 'last' ? 'last' : 'all',
  }));
}
