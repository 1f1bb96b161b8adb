// The topology map. PLACEHOLDER: replaced by the map UI.
export function TopologyPage() {
  return <div className="page">Topology</div>;
}
