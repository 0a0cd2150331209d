import { parseEmployeeCount, readCompanySize } from './company-size';
import { makeConfig } from './test-fixtures';

describe('parseEmployeeCount', () => {
  test.each`
    raw                 | expected
    ${'320'}            | ${{ kind: 'count', value: 320 }}
    ${' 49 '}           | ${{ kind: 'count', value: 49 }}
    ${'1,200'}          | ${{ kind: 'count', value: 1200 }}
    ${'0'}              | ${{ kind: 'count', value: 0 }}
    ${'320.0'}          | ${{ kind: 'count', value: 320 }}
    ${'1-5'}            | ${{ kind: 'range', min: 1, max: 5 }}
    ${'25-50'}          | ${{ kind: 'range', min: 25, max: 50 }}
    ${'50-100'}         | ${{ kind: 'range', min: 50, max: 100 }}
    ${'100-500'}        | ${{ kind: 'range', min: 100, max: 500 }}
    ${'500-1000'}       | ${{ kind: 'range', min: 500, max: 1000 }}
    ${'500 – 1,000'}    | ${{ kind: 'range', min: 500, max: 1000 }}
    ${'10 to 20'}       | ${{ kind: 'range', min: 10, max: 20 }}
    ${'7-7'}            | ${{ kind: 'count', value: 7 }}
    ${'1000+'}          | ${{ kind: 'range', min: 1000, max: null }}
    ${'10,000+'}        | ${{ kind: 'range', min: 10000, max: null }}
    ${null}             | ${{ kind: 'missing' }}
    ${undefined}        | ${{ kind: 'missing' }}
    ${''}               | ${{ kind: 'missing' }}
    ${'   '}            | ${{ kind: 'missing' }}
    ${'lots'}           | ${{ kind: 'malformed', why: 'is not a number or a range' }}
    ${'50-25'}          | ${{ kind: 'malformed', why: 'is a range whose start is above its end' }}
    ${'-3'}             | ${{ kind: 'malformed', why: 'is negative' }}
    ${'49.5'}           | ${{ kind: 'malformed', why: 'is not a whole number' }}
    ${'1e30'}           | ${{ kind: 'malformed', why: 'is too large' }}
    ${'+'}              | ${{ kind: 'malformed', why: 'is not a number or a range' }}
    ${'<script>1</script>'} | ${{ kind: 'malformed', why: 'is not a number or a range' }}
    ${'9'.repeat(101)}  | ${{ kind: 'malformed', why: 'is far too long to be a company size' }}
  `('"$raw" -> $expected', ({ raw, expected }) => {
    expect(parseEmployeeCount(raw)).toEqual(expected);
  });
});

describe('readCompanySize', () => {
  const size = makeConfig().companySize;
  const whenMissing = makeConfig({ companySize: { useContactProperty: 'when_company_size_missing' } }).companySize;
  test.each`
    objectType     | record                              | company                          | config         | source       | property               | raw
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${{ numberofemployees: '320' }}  | ${size}        | ${'company'} | ${'numberofemployees'} | ${'320'}
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${null}                          | ${size}        | ${'contact'} | ${'numemployees'}      | ${'25-50'}
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${{ numberofemployees: '' }}     | ${size}        | ${'company'} | ${'numberofemployees'} | ${null}
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${{ numberofemployees: null }}   | ${whenMissing} | ${'contact'} | ${'numemployees'}      | ${'25-50'}
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${{ numberofemployees: '12' }}   | ${whenMissing} | ${'company'} | ${'numberofemployees'} | ${'12'}
    ${'contacts'}  | ${{}}                               | ${null}                          | ${size}        | ${'contact'} | ${'numemployees'}      | ${null}
    ${'companies'} | ${{ numberofemployees: ' 640 ' }}   | ${null}                          | ${size}        | ${'record'}  | ${'numberofemployees'} | ${'640'}
  `('$objectType with company $company reads $source.$property', ({ objectType, record, company, config, source, property, raw }) => {
    const r = readCompanySize(objectType, record, company, config);
    expect({ source: r.source, property: r.property, raw: r.raw }).toEqual({ source, property, raw });
  });
});
