import { decayFactor, describeDecay } from './decay';
import { DecaySchema, type Decay } from './model-schema';

const halfLife = (halfLifeDays: number, floor = 0): Decay =>
  DecaySchema.parse({ property: 'hs_analytics_last_visit_timestamp', mode: 'half_life', halfLifeDays, floor });
const linear = (days: number, floor = 0): Decay => DecaySchema.parse({ property: 'hs_analytics_last_visit_timestamp', mode: 'linear', days, floor });

describe('half-life decay', () => {
  test.each`
    halfLife | floor  | age     | factor
    ${30}    | ${0}   | ${0}    | ${1}
    ${30}    | ${0}   | ${30}   | ${0.5}
    ${30}    | ${0}   | ${60}   | ${0.25}
    ${30}    | ${0}   | ${15}   | ${Math.SQRT1_2}
    ${30}    | ${0.2} | ${60}   | ${0.25}
    ${30}    | ${0.2} | ${90}   | ${0.2}
    ${30}    | ${0.2} | ${3650} | ${0.2}
    ${30}    | ${0}   | ${-5}   | ${1}
    ${30}    | ${0}   | ${12.9} | ${Math.pow(0.5, 12 / 30)}
  `('half-life $halfLife d, floor $floor, age $age d -> $factor', ({ halfLife: h, floor, age, factor }) => {
    expect(decayFactor(halfLife(h, floor), age)).toBeCloseTo(factor, 12);
  });
});

describe('linear decay', () => {
  test.each`
    days   | floor  | age    | factor
    ${90}  | ${0}   | ${0}   | ${1}
    ${90}  | ${0}   | ${45}  | ${0.5}
    ${90}  | ${0}   | ${89}  | ${1 / 90}
    ${90}  | ${0}   | ${90}  | ${0}
    ${90}  | ${0}   | ${400} | ${0}
    ${90}  | ${0.1} | ${85}  | ${0.1}
    ${90}  | ${0.1} | ${45}  | ${0.5}
    ${120} | ${0}   | ${-1}  | ${1}
  `('linear over $days d, floor $floor, age $age d -> $factor', ({ days, floor, age, factor }) => {
    expect(decayFactor(linear(days, floor), age)).toBeCloseTo(factor, 12);
  });
});

test.each`
  decay                  | text
  ${halfLife(30)}        | ${'half-life 30 d'}
  ${halfLife(7.5)}       | ${'half-life 7.5 d'}
  ${halfLife(60, 0.2)}   | ${'half-life 60 d, floor 20 %'}
  ${linear(90)}          | ${'linear over 90 d'}
`('describes $decay.mode as "$text"', ({ decay, text }) => expect(describeDecay(decay)).toBe(text));
