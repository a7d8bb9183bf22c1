// Shared helpers of the vaultgpg steps: shell quoting and the environment a step runs vaultgpg in.
// Not a step of its own; vaultGpgSign and vaultGpgRpmSign call it.

/** Quotes one word for sh: single quotes, with embedded single quotes closed, escaped and reopened. */
String quote(Object word) {
  return "'" + word.toString().replace("'", "'\\''") + "'"
}

/**
 * The file arguments: a List is quoted word by word; a String is a shell glob (e.g. 'dist/*.rpm') that the shell
 * expands, so it may contain only path and glob characters.
 */
String files(Object files, String what) {
  if (files instanceof Collection) {
    if (files.isEmpty()) {
      error("${what}: the list of files is empty")
    }
    return files.collect { quote(it) }.join(' ')
  }
  String pattern = files?.toString()?.trim()
  if (!pattern) {
    error("${what}: files is required (a list of paths or a glob such as 'dist/*.rpm')")
  }
  if (!(pattern ==~ /[A-Za-z0-9_.\/*?\[\]{},+@%=: -]+/)) {
    error("${what}: '${pattern}' is not a plain glob; pass a list of paths instead")
  }
  return pattern
}

/** VAULT_* variables for the step: the mount, and the address when the step names one. */
List<String> environment(Map args) {
  List<String> vars = []
  if (args.mount) {
    vars << "VAULT_GPG_MOUNT=${args.mount}"
  }
  if (args.vaultAddr) {
    vars << "VAULT_ADDR=${args.vaultAddr}"
  }
  if (args.namespace) {
    vars << "VAULT_NAMESPACE=${args.namespace}"
  }
  return vars
}

/**
 * Runs body with a Vault token bound to VAULT_TOKEN when credentialsId is given: a HashiCorp Vault plugin credential
 * (App Role or token; credentialsType 'vault', the default) or a Secret text holding a token (credentialsType 'string').
 * Without credentialsId the token must already be in the environment (withVault, or an earlier login).
 */
def withToken(Map args, Closure body) {
  if (!args.credentialsId) {
    return body()
  }
  def binding
  switch (args.credentialsType ?: 'vault') {
    case 'vault':
      binding = [$class: 'VaultTokenCredentialBinding', credentialsId: args.credentialsId,
                 vaultAddr: args.vaultAddr ?: '', addrVariable: 'VAULT_ADDR', tokenVariable: 'VAULT_TOKEN']
      break
    case 'string':
      binding = string(credentialsId: args.credentialsId, variable: 'VAULT_TOKEN')
      break
    default:
      error("credentialsType must be 'vault' or 'string', not '${args.credentialsType}'")
  }
  return withCredentials([binding]) { body() }
}

/** The executable: args.vaultgpg, else 'vaultgpg' on PATH. */
String executable(Map args) {
  return quote(args.vaultgpg ?: 'vaultgpg')
}

/** --key when the step names one (else vaultgpg reads VAULT_GPG_KEY). */
String keyOption(Map args) {
  return args.key ? "--key ${quote(args.key)}" : ''
}

/** Runs the vaultgpg command line made of words (empty words dropped) as one sh step, with the step's environment and token. */
def run(Map args, List<String> words, String label) {
  String script = words.findAll { it }.join(' ')
  withEnv(environment(args)) {
    withToken(args) {
      sh(script: script, label: label)
    }
  }
}
