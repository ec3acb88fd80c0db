import type { Address, Hex, PublicClient } from 'viem';

/**
 * Which addresses hold code, asked once per address (eth_getCode costs a call) and kept in a bounded
 * map. An address that gains code later (a CREATE2 deployment to a known address) keeps its first answer
 * until it falls out of the map.
 */
export class ContractCodeCache {
  private readonly client: PublicClient;
  private readonly answers = new Map<string, Promise<boolean>>();
  private readonly maxEntries: number;

  constructor(client: PublicClient, maxEntries = 200_000) {
    this.client = client;
    this.maxEntries = maxEntries;
  }

  hasCode(address: string): Promise<boolean> {
    const key = address.toLowerCase();
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= this.maxEntries) {
        const oldest = this.answers.keys().next().value;
        if (oldest !== undefined) this.answers.delete(oldest);
      }
      answer = this.client
        .request({ method: 'eth_getCode', params: [key as Address, 'latest'] })
        .then((code) => typeof code === 'string' && code !== '0x' && (code as Hex).length > 2);
      this.answers.set(key, answer);
      answer.catch(() => this.answers.delete(key));
    }
    return answer;
  }
}
