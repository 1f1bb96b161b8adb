// SSH terminals. PLACEHOLDER: replaced by the terminal UI.
export function TerminalsPage() {
  return <div className="page">Terminals</div>;
}
