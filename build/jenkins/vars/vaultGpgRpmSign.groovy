/**
 * vaultGpgRpmSign: signs RPM packages in place with rpm's own rpmsign, gpg being vaultgpg's gpg-compatible mode and
 * the key kept in Vault (`vaultgpg rpmsign`). rpmsign itself is sequential; vaultgpg runs `jobs` of them at once.
 * Needs rpmsign (Debian/Ubuntu: package rpm; RHEL/Fedora: rpm-sign) on the agent.
 *
 * Parameters:
 *   packages        required  list of .rpm paths, or a shell glob such as 'dist/*.rpm'
 *   key             optional  key name, fingerprint, key ID or e-mail address; default: env VAULT_GPG_KEY
 *   jobs            optional  parallel rpmsign processes; default 4
 *   digestAlgo      optional  SHA256 (default), SHA384, SHA512 or SHA224
 *   mount, vaultAddr, namespace, credentialsId, credentialsType, vaultgpg: as for vaultGpgSign
 *
 * Example: vaultGpgRpmSign(packages: 'dist/*.rpm', key: 'release', jobs: 4)
 */
def call(Map args = [:]) {
  def cmd = vaultGpgCommand
  List<String> words = [cmd.executable(args), 'rpmsign', cmd.keyOption(args), "--jobs ${cmd.quote((args.jobs ?: 4) as int)}"]
  if (args.digestAlgo) {
    words << "--digest-algo ${cmd.quote(args.digestAlgo)}"
  }
  words << '--' << cmd.files(args.packages, 'vaultGpgRpmSign')
  cmd.run(args, words, 'vaultgpg rpmsign')
}
