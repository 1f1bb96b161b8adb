// Alarms. PLACEHOLDER: replaced by the alarms UI.
export function AlarmsPage() {
  return <div className="page">Alarms</div>;
}
