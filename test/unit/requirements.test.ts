/**
 * Every rule names the MIM it serves and the requirements it supports in both editions, and the rules page
 * lists every rule under its MIM with those requirements.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderRulesPage } from '../../scripts/rules-docs';
import { EDITIONS, MIMS, MIM_IDS, REQUIREMENTS, REQUIREMENT_KEYS, requirementLabel, type RequirementKey } from '../../server/src/service/mims';
import { RULES, RULE_CODES } from '../../server/src/service/rules';

describe('MIM requirements of the rules', () => {
  it('every rule names a known MIM', () => {
    for (const code of RULE_CODES) assert.ok(MIM_IDS.includes(RULES[code].mim), `${code}: ${RULES[code].mim}`);
  });

  it('every rule serves at least one requirement of each edition, one of them of its own MIM', () => {
    for (const code of RULE_CODES) {
      const rule = RULES[code];
      for (const edition of EDITIONS) {
        const keys = rule.requirements[edition] as readonly RequirementKey[];
        assert.ok(keys.length > 0, `${code} serves nothing in the ${edition} edition`);
        assert.equal(new Set(keys).size, keys.length, `${code} names a requirement twice (${edition})`);
        for (const key of keys) {
          const requirement = REQUIREMENTS[key];
          assert.ok(requirement, `${code}: ${key} is not in the catalog`);
          assert.equal(requirement.edition, edition, `${code}: ${key} is listed under the ${edition} edition but belongs to ${requirement.edition}`);
        }
        assert.ok(
          keys.some((key) => REQUIREMENTS[key].mim === rule.mim),
          `${code} is a ${rule.mim} rule but none of its ${edition} requirements (${keys.join(', ')}) belongs to ${rule.mim}`,
        );
      }
    }
  });

  it('the catalog gives every requirement a summary of our own, a page and a MIM', () => {
    for (const key of REQUIREMENT_KEYS) {
      const requirement = REQUIREMENTS[key];
      assert.equal(requirement.key, key);
      assert.ok(MIM_IDS.includes(requirement.mim), key);
      assert.match(requirement.url, /^https:\/\/mims\.oascities\.org\//, `${key} links to the OASC pages`);
      assert.ok(requirement.summary.length >= 30 && requirement.summary.endsWith('.'), `${key} has a one-sentence summary`);
      assert.ok(requirementLabel(requirement).length > 0, key);
    }
    // The ids the issue names exist, in the new format.
    for (const key of ['Interlinking R1.1', 'Interlinking R1.5', 'Interlinking C2', 'Interlinking C3', 'Accessing R2.2', 'Accessing R3.1', 'Representing R1.2a', 'Representing R3.3', 'Representing R3.4', 'Representing R4.2', 'Geospatial R2.1', 'Geospatial R4.1', 'Geospatial R5.1']) {
      assert.ok(REQUIREMENT_KEYS.includes(key as RequirementKey), key);
      assert.equal(REQUIREMENTS[key as RequirementKey].edition, 'new-format');
    }
    // Each MIM can be named in each edition (a rule of a MIM without numbered requirements names the MIM).
    for (const mim of MIM_IDS) for (const edition of EDITIONS) {
      assert.ok(REQUIREMENT_KEYS.some((k) => REQUIREMENTS[k].mim === mim && REQUIREMENTS[k].edition === edition), `${mim} has an entry in the ${edition} edition`);
    }
  });

  it('names the requirements by topic and number', () => {
    assert.equal(requirementLabel(REQUIREMENTS['Interlinking R1.1']), 'Interlinking data R1.1');
    assert.equal(requirementLabel(REQUIREMENTS['Representing R3.3']), 'Representing data R3.3');
    assert.equal(requirementLabel(REQUIREMENTS['Geospatial R5.1']), 'Geospatial data R5.1');
    assert.equal(requirementLabel(REQUIREMENTS['2022 MIM7 Unique identifiers']), 'MIM7 Places (2022), Part 1 R2: unique identifiers');
    assert.equal(requirementLabel(REQUIREMENTS['2022 MIM6']), 'MIM6 Security (2022)');
  });
});

describe('the rules page groups the rules by MIM', () => {
  const page = renderRulesPage();
  const lines = page.split('\n');

  /** The rule codes under each "## MIMn" heading, in page order. */
  function sections(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    let current: string | undefined;
    for (const line of lines) {
      const mim = /^## (MIM\d) /.exec(line);
      if (mim) {
        current = mim[1]!;
        out.set(current, []);
        continue;
      }
      if (/^## /.test(line)) current = undefined;
      const rule = /^### `([^`]+)`$/.exec(line);
      if (rule && current) out.get(current)!.push(rule[1]!);
    }
    return out;
  }

  it('lists every rule once, under the heading of its own MIM, named by number and topic', () => {
    const found = sections();
    const listed = [...found.values()].flat();
    assert.deepEqual([...listed].sort(), [...RULE_CODES].sort());
    for (const [mim, codes] of found) {
      const info = MIMS[mim as keyof typeof MIMS];
      assert.ok(lines.includes(`## ${mim} ${info.name2022} (${info.topic})`), `heading of ${mim}`);
      for (const code of codes) assert.equal(RULES[code as keyof typeof RULES].mim, mim, `${code} is listed under ${mim}`);
    }
  });

  it('has a heading for every MIM, naming the rules of other MIMs that serve its requirements', () => {
    assert.deepEqual([...sections().keys()], [...MIM_IDS]);
    const mim4 = lines.indexOf('## MIM4 Trust (Personal data)');
    const also = lines.slice(mim4, lines.findIndex((l, i) => i > mim4 && l.startsWith('## '))).find((l) => l.includes('rules of other MIMs'));
    assert.equal(
      also,
      'No rule is filed under MIM4; these rules of other MIMs serve its requirements too: [`odrl/action`](#odrl-action) (MIM3), ' +
        '[`odrl/left-operand`](#odrl-left-operand) (MIM3), [`odrl/party`](#odrl-party) (MIM3), [`mim5/impact-assessment`](#mim5-impact-assessment) (MIM5).',
    );
    const mim1 = lines.indexOf('## MIM1 Context Information Management (Accessing and interlinking data)');
    const mim1Also = lines.slice(mim1, mim1 + 6).find((l) => l.startsWith('These rules of other MIMs'));
    assert.ok(mim1Also?.includes('[`ngsi-ld/endpoint-insecure`](#ngsi-ld-endpoint-insecure) (MIM6)'), mim1Also);
  });

  it('says the rule first and the MIM and its requirements second', () => {
    for (const code of RULE_CODES) {
      const rule = RULES[code];
      const start = lines.indexOf(`### \`${code}\``);
      const end = lines.findIndex((l, i) => i > start && /^##/.test(l));
      const section = lines.slice(start, end < 0 ? undefined : end).join('\n');
      const title = section.indexOf(`**${rule.title.replace(/</g, '&lt;').replace(/>/g, '&gt;')}.**`);
      const serves = section.indexOf(`Serves ${rule.mim} ${MIMS[rule.mim].name2022}`);
      assert.ok(title > 0, `${code}: the title opens the section`);
      assert.ok(serves > title, `${code}: the MIM comes after the rule`);
      for (const edition of EDITIONS) {
        for (const key of rule.requirements[edition]) {
          assert.ok(section.includes(`[${requirementLabel(REQUIREMENTS[key])}](${REQUIREMENTS[key].url})`), `${code} names ${key}`);
        }
      }
    }
  });

  it('lists, per requirement, the rules that serve it', () => {
    for (const code of RULE_CODES) {
      for (const key of RULES[code].requirements['new-format']) {
        const line = lines.find((l) => l.includes(`[${requirementLabel(REQUIREMENTS[key])}](`) && l.startsWith('- <a id="req-'));
        assert.ok(line?.includes(`[\`${code}\`]`), `${key} lists ${code}`);
      }
    }
  });
});
