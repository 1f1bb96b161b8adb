// SNMP tools. PLACEHOLDER: replaced by the SNMP UI.
export function SnmpPage() {
  return <div className="page">SNMP</div>;
}
