/**
 * A CASE package the size of a national framework, written for tests and measurements: `domains` x `clusters` x
 * `standards` statements three levels deep, with real-looking codes ("D3.C7.12") and distinct wording.
 */
export function largeCasePackage(domains = 12, clusters = 10, standards = 10): unknown {
  const id = (n: number) => `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const doc = id(0);
  let n = 1;
  const items: unknown[] = [];
  const assocs: unknown[] = [];
  const add = (code: string, text: string, parent: string, seq: number) => {
    const identifier = id(n++);
    items.push({
      identifier,
      uri: `https://registry.example/${identifier}`,
      lastChangeDateTime: '2024-01-01T00:00:00Z',
      humanCodingScheme: code,
      fullStatement: text,
    });
    assocs.push({
      identifier: id(1_000_000 + n),
      uri: 'u',
      lastChangeDateTime: '2024-01-01T00:00:00Z',
      associationType: 'isChildOf',
      originNodeURI: { title: code, identifier, uri: 'u' },
      destinationNodeURI: { title: 'p', identifier: parent, uri: 'u' },
      sequenceNumber: seq,
    });
    return identifier;
  };
  for (let d = 1; d <= domains; d++) {
    const dId = add(`D${d}`, `Domain ${d}: scientific practice area ${d}`, doc, d);
    for (let c = 1; c <= clusters; c++) {
      const cId = add(`D${d}.C${c}`, `Cluster ${c} of domain ${d}`, dId, c);
      for (let s = 1; s <= standards; s++)
        add(`D${d}.C${c}.${s}`, `Explain observation ${s} in cluster ${c} of domain ${d} using evidence`, cId, s);
    }
  }
  return {
    CFDocument: {
      identifier: doc,
      uri: 'u',
      creator: 'Test',
      title: 'National science framework',
      lastChangeDateTime: '2024-01-01T00:00:00Z',
      description: 'A large framework.',
    },
    CFItems: items,
    CFAssociations: assocs,
  };
}
