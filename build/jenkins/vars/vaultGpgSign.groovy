/**
 * vaultGpgSign: detached signatures for a set of files with a key kept in Vault (`vaultgpg sign`).
 * Files are hashed locally when large and signed in parallel batches; FILE.sig (or FILE.asc with armor) is written
 * next to each file, or into outputDir. The step fails, naming each file, when any file could not be signed.
 *
 * Parameters:
 *   files           required  list of paths, or a shell glob such as 'dist/*.tar.gz'
 *   key             optional  key name, fingerprint, key ID or e-mail address; default: env VAULT_GPG_KEY
 *   armor           optional  true for ASCII-armored FILE.asc; default false (binary FILE.sig)
 *   outputDir       optional  directory for the signatures; default: next to each file
 *   mount           optional  the secrets engine's mount; default: env VAULT_GPG_MOUNT, else 'gpg'
 *   jobs            optional  parallel requests; default 4
 *   digestAlgo      optional  SHA256 (default), SHA384, SHA512 or SHA224
 *   vaultAddr       optional  Vault's address; default: env VAULT_ADDR
 *   namespace       optional  Vault Enterprise namespace; default: env VAULT_NAMESPACE
 *   credentialsId   optional  Jenkins credential with a Vault token (see credentialsType); default: env VAULT_TOKEN
 *   credentialsType optional  'vault' (HashiCorp Vault plugin App Role/token credential, default) or 'string' (Secret text)
 *   vaultgpg        optional  path of the vaultgpg executable; default 'vaultgpg' on PATH
 *
 * Example: vaultGpgSign(files: 'dist/*.tar.gz', key: 'release', armor: true, credentialsId: 'vault-approle')
 */
def call(Map args = [:]) {
  def cmd = vaultGpgCommand
  List<String> words = [cmd.executable(args), 'sign', cmd.keyOption(args)]
  if (args.armor) {
    words << '--armor'
  }
  if (args.outputDir) {
    words << "--output-dir ${cmd.quote(args.outputDir)}"
  }
  words << "--jobs ${cmd.quote((args.jobs ?: 4) as int)}"
  if (args.digestAlgo) {
    words << "--digest-algo ${cmd.quote(args.digestAlgo)}"
  }
  words << '--' << cmd.files(args.files, 'vaultGpgSign')
  cmd.run(args, words, 'vaultgpg sign')
}
