// EIP-712 / EIP-3009 TransferWithAuthorization vectors from ethers v5 (_TypedDataEncoder, Wallet._signTypedData),
// as installed with arlocal 1.1.66. Domains as x402 v1 uses them for USDC on Base and Base Sepolia.
const { ethers } = require('ethers');
const wallet = new ethers.Wallet('0x' + 'aa'.repeat(31) + '01');
const types = { TransferWithAuthorization: [
  { name: 'from', type: 'address' }, { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' }, { name: 'validBefore', type: 'uint256' }, { name: 'nonce', type: 'bytes32' } ] };
const cases = [
  { network: 'base', domain: { name: 'USD Coin', version: '2', chainId: 8453, verifyingContract: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' } },
  { network: 'base-sepolia', domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' } },
];
(async () => {
  const out = [];
  for (const c of cases) {
    const message = { from: wallet.address, to: '0x209693Bc6afc0C5328bA36FaF03C514EF312287C', value: '10000',
      validAfter: '1740672089', validBefore: '1740672154', nonce: '0x' + 'f3'.repeat(32) };
    out.push({ network: c.network, domain: c.domain, message,
      domain_separator: ethers.utils._TypedDataEncoder.hashDomain(c.domain),
      struct_hash: ethers.utils._TypedDataEncoder.from(types).hash(message),
      digest: ethers.utils._TypedDataEncoder.hash(c.domain, types, message),
      signature: await wallet._signTypedData(c.domain, types, message) });
  }
  console.log(JSON.stringify({ source: 'ethers 5 _TypedDataEncoder and Wallet._signTypedData (installed with arlocal 1.1.66), key 0xaa..aa01', signer: wallet.address, cases: out }, null, 1));
})();
