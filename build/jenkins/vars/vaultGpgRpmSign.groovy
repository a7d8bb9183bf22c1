/**
 * vaultGpgRpmSign: signs RPM packages in place with the key kept in Vault (`vaultgpg rpmsign`): natively by default
 * (vaultgpg writes the signature headers itself, all packages in one batch request; no rpm needed on the agent), or
 * with viaRpmsign: true through rpm's own rpmsign, gpg being vaultgpg's gpg-compatible mode, `jobs` rpmsign processes
 * at once (needs rpmsign: Debian/Ubuntu package rpm, RHEL/Fedora rpm-sign).
 *
 * Parameters:
 *   packages        required  list of .rpm paths, or a shell glob such as 'dist/*.rpm'
 *   key             optional  key name, fingerprint, key ID or e-mail address; default: env VAULT_GPG_KEY
 *   jobs            optional  requests (or rpmsign processes) at once; default 4
 *   viaRpmsign      optional  true: sign through rpmsign instead of natively; default false
 *   digestAlgo      optional  SHA256 (default), SHA384, SHA512 or SHA224
 *   mount, vaultAddr, namespace, credentialsId, credentialsType, vaultgpg: as for vaultGpgSign
 *
 * Example: vaultGpgRpmSign(packages: 'dist/*.rpm', key: 'release', jobs: 4)
 */
def call(Map args = [:]) {
  def cmd = vaultGpgCommand
  List<String> words = [cmd.executable(args), 'rpmsign', cmd.keyOption(args), "--jobs ${cmd.quote((args.jobs ?: 4) as int)}"]
  if (args.viaRpmsign) {
    words << '--via-rpmsign'
  }
  if (args.digestAlgo) {
    words << "--digest-algo ${cmd.quote(args.digestAlgo)}"
  }
  words << '--' << cmd.files(args.packages, 'vaultGpgRpmSign')
  cmd.run(args, words, 'vaultgpg rpmsign')
}
