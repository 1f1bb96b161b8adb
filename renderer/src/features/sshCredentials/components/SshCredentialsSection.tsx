// SSH credentials in Settings. PLACEHOLDER: replaced by the credentials UI.
export function SshCredentialsSection() {
  return <section className="settings-section">SSH credentials</section>;
}
