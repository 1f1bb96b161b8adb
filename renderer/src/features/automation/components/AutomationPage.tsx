// Automation runs, config backups and templates. PLACEHOLDER: replaced by the automation UI.
export function AutomationPage() {
  return <div className="page">Automation</div>;
}
