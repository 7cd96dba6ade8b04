import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');
const read = (file: string) =>
  parse(readFileSync(resolve(root, file), 'utf8')) ?? {};

const extensionId = (entry: string | object) =>
  typeof entry === 'string' ? entry : Object.keys(entry)[0];

describe('the demo configuration', () => {
  it('is the only config file that enables the demo persona provider', () => {
    expect(read('app-config.demo.yaml').auth.providers.demo).toEqual({
      enabled: true,
    });
    for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
      const config = read(file);
      expect([file, config.auth?.providers?.demo]).toEqual([file, undefined]);
      expect((config.app?.extensions ?? []).map(extensionId)).not.toContain(
        'sign-in-page:app',
      );
    }
  });

  it("restates app-config.yaml's extensions, adding only the persona sign-in page", () => {
    const base = read('app-config.yaml').app.extensions;
    const demo = read('app-config.demo.yaml').app.extensions;
    const signIn = demo.filter(
      (e: object) => extensionId(e) === 'sign-in-page:app',
    );
    expect(signIn).toHaveLength(1);
    expect(
      signIn[0]['sign-in-page:app'].config.personas.length,
    ).toBeGreaterThan(0);
    expect(
      demo.filter((e: object) => extensionId(e) !== 'sign-in-page:app'),
    ).toEqual(base);
  });
});
