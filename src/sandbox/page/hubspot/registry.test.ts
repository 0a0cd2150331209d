/**
 * The sandbox draws exactly the components @hubspot/ui-extensions 0.17.0 registers, each with exactly the props its
 * type definitions document: read from the installed package, so a new SDK version shows what is missing.
 */
import { iconNames } from '@hubspot/ui-extensions';
import { documentedProps, remoteComponentNames } from '../../testing/documented-props';
import { ICON_GLYPHS } from './icons';
import { HOST_COMPONENTS } from './registry';

jest.setTimeout(60_000);

describe('the component registry against the installed @hubspot/ui-extensions', () => {
  const documented = documentedProps();

  it('has a component for every remote component name the package registers, and no others', () => {
    const names = remoteComponentNames();
    expect(names.length).toBeGreaterThan(120);
    expect(Object.keys(HOST_COMPONENTS).sort()).toEqual(names);
  });

  test.each(remoteComponentNames())('%s honours exactly the props HubSpot documents', (name) => {
    const props = documented.get(name);
    expect(props).toBeDefined();
    expect([...(HOST_COMPONENTS[name]?.props ?? [])].sort()).toEqual(props);
  });

  it('leaves no documented prop unsupported', () => {
    expect(Object.entries(HOST_COMPONENTS).filter(([, s]) => Object.keys(s.unsupported ?? {}).length > 0)).toEqual([]);
  });

  it('has a glyph for every icon name of HubSpot’s set, and no others', () => {
    expect(Object.keys(ICON_GLYPHS).sort()).toEqual(Object.keys(iconNames).sort());
  });
});
