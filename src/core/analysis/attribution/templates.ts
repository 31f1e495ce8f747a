/** Feature templates: a template's name and the values of each of its slots. */
export type Templates = Readonly<Record<string, readonly (readonly string[])[]>>;

/**
 * The binary features of a set of templates: every template with one value per slot is one
 * feature, named `template:value:…`, numbered in the order the templates and their values are listed.
 */
export class FeatureSpace<T extends Templates> {
  /** Every feature name, in the order of a model's weights. */
  readonly names: readonly string[];
  private readonly offsets = new Map<string, number>();

  constructor(private readonly templates: T) {
    const names: string[] = [];
    for (const [template, slots] of Object.entries(templates)) {
      this.offsets.set(template, names.length);
      let values: string[] = [template];
      for (const slot of slots)
        values = values.flatMap((prefix) => slot.map((value) => `${prefix}:${value}`));
      names.push(...values);
    }
    this.names = names;
  }

  /**
   * The index of one feature: the template's offset plus its values read as digits of a
   * mixed-radix number, the first slot most significant (the order {@link names} lists them).
   */
  index(template: keyof T & string, ...values: string[]): number {
    const slots = this.templates[template] ?? [];
    let index = 0;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] ?? [];
      const digit = slot.indexOf(values[i] ?? '');
      // A value outside its slot is a bug in the caller, caught by the tests that enumerate them.
      if (digit < 0) throw new Error(`feature outside the templates: ${template}:${values.join(':')}`);
      index = index * slot.length + digit;
    }
    return (this.offsets.get(template) ?? 0) + index;
  }
}
