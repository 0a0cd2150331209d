import { connectionFromEnv } from './config';

const TOKEN = 'pat-na1-00000000-test-0000-0000-config000000';

describe('connectionFromEnv', () => {
  test.each`
    name                      | env                                                                                   | ok       | baseUrl                         | isLocal
    ${'token only'}           | ${{ PRIVATE_APP_ACCESS_TOKEN: TOKEN }}                                                | ${true}  | ${'https://api.hubapi.com'}     | ${false}
    ${'emulator URL'}         | ${{ PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: 'http://127.0.0.1:4010/' }} | ${true}  | ${'http://127.0.0.1:4010'}      | ${true}
    ${'empty URL = default'}  | ${{ PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: '' }}                      | ${true}  | ${'https://api.hubapi.com'}     | ${false}
    ${'no token'}             | ${{}}                                                                                 | ${false} | ${undefined}                    | ${undefined}
    ${'blank token'}          | ${{ PRIVATE_APP_ACCESS_TOKEN: '  ' }}                                                 | ${false} | ${undefined}                    | ${undefined}
    ${'not a URL'}            | ${{ PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: 'ftp://x' }}               | ${false} | ${undefined}                    | ${undefined}
  `('$name -> ok $ok', ({ env, ok, baseUrl, isLocal }) => {
    const r = connectionFromEnv(env);
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value).toEqual({ token: TOKEN, baseUrl, isLocal });
    else {
      expect(r.error.code).toBe('NOT_CONFIGURED');
      expect(JSON.stringify(r.error)).not.toContain(TOKEN);
    }
  });
});
