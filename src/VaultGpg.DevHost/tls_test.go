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
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"HashiCorp"}},
		DNSNames:              []string{"localhost"},
		NotBefore:             time.Now().Add(-time.Minute),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
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
func hardened(t *testing.T, hostCert, pluginCert tls.Certificate) (*pluginTLS, *tls.Config) {
	t.Helper()
	p := &pluginTLS{}
	clientCfg := &tls.Config{Certificates: []tls.Certificate{hostCert}, ServerName: "localhost", RootCAs: poolOf(pluginCert)}
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

	if err := dial([]tls.Certificate{pluginCert}, []string{"h2"}); err != nil {
		t.Errorf("plugin with its certificate and h2 was refused: %v", err)
	}
	if err := dial(nil, []string{"h2"}); err == nil {
		t.Error("a client without a certificate was served")
	}
	if err := dial([]tls.Certificate{otherCert}, []string{"h2"}); err == nil {
		t.Error("a client with another certificate was served")
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

	if cErr, _ := handshake(clientCfg, tls11); cErr == nil {
		t.Fatal("TLS 1.1 was accepted")
	}
}
