package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// selfSigned makes a certificate with the AutoMTLS profile (CA, SAN localhost, client+server auth).
func selfSigned(t *testing.T) tls.Certificate {
	return newCert(t, &x509.Certificate{
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"HashiCorp"}},
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
	}, nil)
}

// issuedBy makes a leaf for localhost signed by ca (an AutoMTLS certificate is a CA): it verifies against a pool
// holding ca, so only a pin can tell it apart from ca itself.
func issuedBy(t *testing.T, ca tls.Certificate) tls.Certificate {
	return newCert(t, &x509.Certificate{
		Subject:  pkix.Name{CommonName: "localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}, &ca)
}

// newCert completes tmpl (serial, SAN localhost, an hour's validity, client+server auth) with a new P-256 key and
// signs it by parent, or by itself when parent is nil.
func newCert(t *testing.T, tmpl *x509.Certificate, parent *tls.Certificate) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.SerialNumber = big.NewInt(time.Now().UnixNano())
	tmpl.DNSNames = []string{"localhost"}
	tmpl.NotBefore = time.Now().Add(-time.Minute)
	tmpl.NotAfter = time.Now().Add(time.Hour)
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth}
	signer, signerKey := tmpl, any(key)
	if parent != nil {
		signer, signerKey = parent.Leaf, parent.PrivateKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}

func poolOf(c tls.Certificate) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.Leaf)
	return p
}

// handshake runs both sides over an in-memory connection and returns their errors.
func handshake(client, server *tls.Config) (clientErr, serverErr error) {
	// A real socket: net.Pipe has no buffering, and TLS 1.3 writes from both sides at once.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err, err
	}
	defer lis.Close()
	done := make(chan error, 1)
	go func() {
		b, err := lis.Accept()
		if err != nil {
			done <- err
			return
		}
		_ = b.SetDeadline(time.Now().Add(10 * time.Second))
		s := tls.Server(b, server)
		err = s.Handshake()
		if err == nil {
			// A TLS 1.3 client only learns about a rejected client certificate when it reads.
			_, err = s.Write([]byte("x"))
		}
		done <- err
		_ = s.Close()
	}()
	a, err := net.Dial("tcp", lis.Addr().String())
	if err != nil {
		return err, err
	}
	_ = a.SetDeadline(time.Now().Add(10 * time.Second))
	c := tls.Client(a, client)
	clientErr = c.Handshake()
	if clientErr == nil {
		buf := make([]byte, 1)
		_, clientErr = c.Read(buf)
	}
	_ = c.Close()
	return clientErr, <-done
}

// hardened returns a pluginTLS as it is after a launch: host cert, plugin cert in the pool, plugin cert pinned.
// The config it hardens allows TLS 1.0, as a laxer library could set it: Go 1.19's client default is already
// TLS 1.2, so only from an explicit lower floor does a test see whether hardening raises it.
func hardened(t *testing.T, hostCert, pluginCert tls.Certificate) (*pluginTLS, *tls.Config) {
	t.Helper()
	p := &pluginTLS{}
	clientCfg := &tls.Config{Certificates: []tls.Certificate{hostCert}, ServerName: "localhost", RootCAs: poolOf(pluginCert),
		MinVersion: tls.VersionTLS10}
	if err := p.hardenClientConfig(clientCfg); err != nil {
		t.Fatal(err)
	}
	return p, clientCfg
}

func TestBrokerServer_RequiresAndPinsThePluginCertificate(t *testing.T) {
	hostCert, pluginCert, otherCert := selfSigned(t), selfSigned(t), selfSigned(t)
	p, clientCfg := hardened(t, hostCert, pluginCert)
	// The main connection: the plugin serves h2 with its certificate, which pins it.
	pluginServer := &tls.Config{Certificates: []tls.Certificate{pluginCert}, NextProtos: []string{"h2"},
		ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: poolOf(hostCert)}
	clientCfg.NextProtos = []string{"h2"}
	if cErr, sErr := handshake(clientCfg, pluginServer); cErr != nil || sErr != nil {
		t.Fatalf("main connection: client %v, server %v", cErr, sErr)
	}

	serverCfg, err := p.brokerServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	dial := func(certs []tls.Certificate, alpn []string) error {
		_, sErr := handshake(&tls.Config{Certificates: certs, ServerName: "localhost", RootCAs: poolOf(hostCert), NextProtos: alpn}, serverCfg)
		return sErr
	}
	// Signed by the plugin's certificate, so the CA pool accepts it: only the pin refuses it.
	issuedByPlugin := issuedBy(t, pluginCert)

	if err := dial([]tls.Certificate{pluginCert}, []string{"h2"}); err != nil {
		t.Errorf("plugin with its certificate and h2 was refused: %v", err)
	}
	if err := dial(nil, []string{"h2"}); err == nil {
		t.Error("a client without a certificate was served")
	}
	if err := dial([]tls.Certificate{otherCert}, []string{"h2"}); err == nil {
		t.Error("a client with another certificate was served")
	}
	if err := dial([]tls.Certificate{issuedByPlugin}, []string{"h2"}); err == nil || !strings.Contains(err.Error(), "not the plugin's server certificate") {
		t.Errorf("a client with a certificate issued by the plugin's was served (err %v)", err)
	}
	// Go 1.19's server default accepts TLS 1.0, so only the config's floor refuses this.
	tls11Client := &tls.Config{Certificates: []tls.Certificate{pluginCert}, ServerName: "localhost", RootCAs: poolOf(hostCert),
		NextProtos: []string{"h2"}, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	if _, sErr := handshake(tls11Client, serverCfg); sErr == nil || !strings.Contains(sErr.Error(), "version") {
		t.Errorf("a client with TLS 1.1 was served (err %v)", sErr)
	}
	if err := dial([]tls.Certificate{pluginCert}, nil); err == nil || !strings.Contains(err.Error(), "ALPN") {
		t.Errorf("a client without ALPN h2 was served (err %v)", err)
	}
}

func TestHardenedClient_RefusesPluginWithoutH2(t *testing.T) {
	hostCert, pluginCert := selfSigned(t), selfSigned(t)
	_, clientCfg := hardened(t, hostCert, pluginCert)
	clientCfg.NextProtos = []string{"h2"}
	noALPN := &tls.Config{Certificates: []tls.Certificate{pluginCert}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: poolOf(hostCert)}

	cErr, _ := handshake(clientCfg, noALPN)

	if cErr == nil || !strings.Contains(cErr.Error(), "ALPN") {
		t.Fatalf("connection to a plugin without ALPN h2 was accepted (err %v)", cErr)
	}
}

func TestHardenedClient_RefusesOldTLS(t *testing.T) {
	hostCert, pluginCert := selfSigned(t), selfSigned(t)
	_, clientCfg := hardened(t, hostCert, pluginCert)
	clientCfg.NextProtos = []string{"h2"}
	tls11 := &tls.Config{Certificates: []tls.Certificate{pluginCert}, NextProtos: []string{"h2"}, MaxVersion: tls.VersionTLS11}

	if cErr, _ := handshake(clientCfg, tls11); cErr == nil || !strings.Contains(cErr.Error(), "version") {
		t.Fatalf("TLS 1.1 was accepted (err %v)", cErr)
	}
}

func TestHardenedClient_RefusesAnotherCertificateAfterTheFirst(t *testing.T) {
	hostCert, pluginCert := selfSigned(t), selfSigned(t)
	_, clientCfg := hardened(t, hostCert, pluginCert)
	clientCfg.NextProtos = []string{"h2"}
	serve := func(c tls.Certificate) *tls.Config {
		return &tls.Config{Certificates: []tls.Certificate{c}, NextProtos: []string{"h2"},
			ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: poolOf(hostCert)}
	}
	if cErr, sErr := handshake(clientCfg, serve(pluginCert)); cErr != nil || sErr != nil {
		t.Fatalf("first connection: client %v, server %v", cErr, sErr)
	}

	// Signed by the plugin's certificate, so the root pool accepts it: only the pin refuses it.
	cErr, _ := handshake(clientCfg, serve(issuedBy(t, pluginCert)))

	if cErr == nil || !strings.Contains(cErr.Error(), "different certificate") {
		t.Fatalf("a server with another certificate was accepted after the first connection (err %v)", cErr)
	}
}
