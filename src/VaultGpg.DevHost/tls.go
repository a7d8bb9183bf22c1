package main

// go-plugin 1.0.1 is laxer than the go-plugin and grpc-go inside a current Vault (facts section 8): its host
// side does not require the plugin's client certificate on brokered servers, and its grpc does not insist on
// ALPN h2. These functions put current Vault's strictness back.

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
)

const alpnH2 = "h2"

// pluginTLS tracks the TLS identities of one plugin process.
type pluginTLS struct {
	mu sync.Mutex
	// hostCert is the one-time certificate go-plugin generated and sent in PLUGIN_CLIENT_CERT.
	hostCert []tls.Certificate
	// pluginPool holds only the certificate from the plugin's handshake line.
	pluginPool *x509.CertPool
	// pluginCert is that certificate as the plugin presented it on the main connection.
	pluginCert *x509.Certificate
}

// hardenClientConfig tightens go-plugin's AutoMTLS client config (after Start, before the first dial): TLS 1.2
// or newer, and a connection only counts when ALPN negotiated h2, as grpc-go >= 1.67 demands. The verified
// plugin certificate is remembered so the brokered servers can pin it.
func (p *pluginTLS) hardenClientConfig(cfg *tls.Config) error {
	if cfg == nil || len(cfg.Certificates) == 0 || cfg.RootCAs == nil {
		return errors.New("go-plugin did not set up AutoMTLS (no client certificate or no plugin certificate in the handshake line)")
	}
	p.mu.Lock()
	p.hostCert = cfg.Certificates
	p.pluginPool = cfg.RootCAs
	p.mu.Unlock()

	cfg.MinVersion = tls.VersionTLS12
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if err := requireH2(cs, "plugin server"); err != nil {
			return err
		}
		if len(cs.PeerCertificates) == 0 {
			return errors.New("plugin server presented no certificate")
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.pluginCert != nil && !p.pluginCert.Equal(cs.PeerCertificates[0]) {
			return errors.New("plugin server presented a different certificate than on its first connection")
		}
		p.pluginCert = cs.PeerCertificates[0]
		return nil
	}
	return nil
}

// brokerServerConfig is the TLS config of a brokered server (storage, system view, events): our certificate,
// the plugin's certificate required in the handshake, verified against the handshake-line certificate and
// pinned byte for byte, TLS >= 1.2, ALPN h2.
func (p *pluginTLS) brokerServerConfig() (*tls.Config, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hostCert == nil || p.pluginPool == nil {
		return nil, errors.New("plugin TLS identities are not known yet")
	}
	return &tls.Config{
		Certificates: p.hostCert,
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    p.pluginPool,
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{alpnH2},
		VerifyConnection: func(cs tls.ConnectionState) error {
			if err := requireH2(cs, "plugin client"); err != nil {
				return err
			}
			if len(cs.PeerCertificates) == 0 {
				return errors.New("plugin client presented no certificate")
			}
			p.mu.Lock()
			pinned := p.pluginCert
			p.mu.Unlock()
			if pinned != nil && !bytes.Equal(pinned.Raw, cs.PeerCertificates[0].Raw) {
				return errors.New("plugin client certificate is not the plugin's server certificate")
			}
			return nil
		},
	}, nil
}

func requireH2(cs tls.ConnectionState, peer string) error {
	if cs.NegotiatedProtocol != alpnH2 {
		return fmt.Errorf("%s did not negotiate ALPN %q (got %q): current Vault (grpc-go >= 1.67) refuses such connections",
			peer, alpnH2, cs.NegotiatedProtocol)
	}
	return nil
}
