// Runs the shared library's steps under plain Groovy with Jenkins' steps stubbed (sh, withEnv, withCredentials,
// string, error), and checks the command lines and environment they produce.
// Usage: groovy build/jenkins/test/StepsTest.groovy [OUT VAULTGPG]: with OUT, the scripts of two more calls (sign
// dist/*.txt armored, rpmsign dist/*.rpm, both with key 'release' and the vaultgpg at VAULTGPG) are written to OUT,
// one "ENV<TAB>script" line each, for the end-to-end tests to run for real. Exits non-zero on the first failed check.

import groovy.transform.Field

@Field File varsDir = new File(new File(getClass().protectionDomain.codeSource.location.path).parentFile.parentFile, 'vars')
@Field List<Map> calls = []
@Field List<List<String>> envStack = [[]]

Binding jenkins() {
  def binding = new Binding()
  binding.sh = { arg ->
    def script = arg instanceof Map ? arg.script : arg
    calls << [script: script, env: envStack.flatten(), label: arg instanceof Map ? arg.label : null]
    return ''
  }
  binding.withEnv = { List<String> vars, Closure body ->
    envStack << vars.collect { it.toString() }
    try { return body() } finally { envStack.remove(envStack.size() - 1) }
  }
  binding.withCredentials = { List bindings, Closure body ->
    envStack << bindings.collect { "CREDENTIALS=${it.credentialsId}:${it.$class ?: it.type}:${it.tokenVariable ?: it.variable}".toString() }
    try { return body() } finally { envStack.remove(envStack.size() - 1) }
  }
  binding.string = { Map m -> [type: 'string'] + m }
  binding.error = { String message -> throw new IllegalArgumentException(message) }
  ['vaultGpgCommand', 'vaultGpgSign', 'vaultGpgRpmSign'].each { name ->
    def script = new GroovyShell(binding).parse(new File(varsDir, "${name}.groovy"))
    binding.setVariable(name, script)
  }
  return binding
}

def step(String name, Map args) {
  calls.clear()
  jenkins().getVariable(name).call(args)
  assert calls.size() == 1 : "${name} ran ${calls.size()} sh steps"
  return calls[0]
}

def expectError(String name, Map args, String fragment) {
  try {
    step(name, args)
  } catch (IllegalArgumentException e) {
    assert e.message.contains(fragment) : "error '${e.message}' lacks '${fragment}'"
    return
  }
  assert false : "${name}(${args}) should have failed with '${fragment}'"
}

// vaultGpgSign: every parameter, a list of files with awkward names.
def full = step('vaultGpgSign', [files: ['dist/a.tar.gz', "dist/it's here.tar.gz"], key: 'release', armor: true,
                                 outputDir: 'sigs', mount: 'pgp', jobs: 8, digestAlgo: 'SHA512',
                                 vaultAddr: 'https://vault:8200', credentialsId: 'vault-approle'])
assert full.script == "'vaultgpg' sign --key 'release' --armor --output-dir 'sigs' --jobs '8' --digest-algo 'SHA512' -- 'dist/a.tar.gz' 'dist/it'\\''s here.tar.gz'"
assert full.env.contains('VAULT_GPG_MOUNT=pgp')
assert full.env.contains('VAULT_ADDR=https://vault:8200')
assert full.env.contains('CREDENTIALS=vault-approle:VaultTokenCredentialBinding:VAULT_TOKEN')
assert full.label == 'vaultgpg sign'

// vaultGpgSign: minimal, a glob, key from the environment, no credentials binding.
def minimal = step('vaultGpgSign', [files: 'dist/*.rpm', vaultgpg: '/opt/vaultgpg/bin/vaultgpg'])
assert minimal.script == "'/opt/vaultgpg/bin/vaultgpg' sign --jobs '4' -- dist/*.rpm"
assert minimal.env.isEmpty()

// Secret-text token credential.
def secretText = step('vaultGpgSign', [files: ['x'], key: 'k', credentialsId: 'vault-token', credentialsType: 'string'])
assert secretText.env.contains('CREDENTIALS=vault-token:string:VAULT_TOKEN')

// vaultGpgRpmSign.
def rpm = step('vaultGpgRpmSign', [packages: 'dist/*.rpm', key: 'release@example.test', jobs: 3, digestAlgo: 'SHA256', mount: 'gpg'])
assert rpm.script == "'vaultgpg' rpmsign --key 'release@example.test' --jobs '3' --digest-algo 'SHA256' -- dist/*.rpm"
assert rpm.env == ['VAULT_GPG_MOUNT=gpg']
assert rpm.label == 'vaultgpg rpmsign'

// Refusals.
expectError('vaultGpgSign', [key: 'k'], 'files is required')
expectError('vaultGpgSign', [files: [], key: 'k'], 'is empty')
expectError('vaultGpgSign', [files: 'dist/*.rpm; rm -rf /', key: 'k'], 'not a plain glob')
expectError('vaultGpgRpmSign', [packages: '$(id)'], 'not a plain glob')
expectError('vaultGpgSign', [files: ['x'], credentialsId: 'c', credentialsType: 'ssh'], "credentialsType must be")

if (args.length >= 2) {
  def recorded = [step('vaultGpgSign', [files: 'dist/*.txt', key: 'release', armor: true, vaultgpg: args[1]]),
                  step('vaultGpgRpmSign', [packages: 'dist/*.rpm', key: 'release', jobs: 2, vaultgpg: args[1]])]
  new File(args[0]).text = recorded.collect { "${it.env.join(' ')}\t${it.script}" }.join('\n') + '\n'
}
println "Jenkins steps: all checks passed"
