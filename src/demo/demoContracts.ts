import type { UploadedSource } from '../audit/auditUploadedSources.js';

/*
 * The demo's smart contracts: a small treasury with the weaknesses audits find most (reentrancy,
 * tx.origin authorisation, unchecked calls, weak randomness, overflow before 0.8). They are strings,
 * not .sol files, because the build copies only compiled TypeScript into dist.
 * contracts/Vault.sol is the contract of the scripted reentrancy alert (scenario.ts).
 */

const VAULT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import "./Owned.sol";

/// Customer deposits of the treasury; withdrawals pay out in ether.
contract Vault is Owned {
    mapping(address => uint256) public balances;
    uint256 public totalDeposits;

    function deposit() external payable {
        balances[msg.sender] += msg.value;
        totalDeposits += msg.value;
    }

    function withdraw() external {
        uint256 amount = balances[msg.sender];
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        balances[msg.sender] = 0;
        totalDeposits -= amount;
    }

    function sweep(address payable to) external {
        require(tx.origin == owner, "not owner");
        to.transfer(address(this).balance);
    }

    function shutdown() external {
        selfdestruct(payable(msg.sender));
    }
}
`;

const OWNED = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

contract Owned {
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function transferOwnership(address next) external onlyOwner {
        owner = next;
    }
}
`;

const REWARDS = `pragma solidity ^0.4.24;

/// The old loyalty programme: a daily draw and a points token, still deployed.
contract Rewards {
    mapping(address => uint) public points;
    address[] public players;
    uint public pot;

    function join() public payable {
        require(msg.value == 0.01 ether);
        players.push(msg.sender);
        pot += msg.value;
    }

    function draw() public {
        require(now % 86400 < 3600);
        uint winner = uint(keccak256(abi.encodePacked(block.timestamp, block.difficulty))) % players.length;
        players[winner].send(pot);
        pot = 0;
    }

    function award(address to, uint amount) public {
        points[to] += amount;
    }

    function redeem(uint amount) public {
        require(points[msg.sender] - amount >= 0);
        points[msg.sender] -= amount;
        msg.sender.call.value(amount * 1 szabo)();
    }
}
`;

/** The treasury as it was audited first: every weakness in place. */
export const DEMO_CONTRACTS: readonly UploadedSource[] = [
  { path: 'contracts/Vault.sol', content: VAULT },
  { path: 'contracts/Owned.sol', content: OWNED },
  { path: 'legacy/Rewards.sol', content: REWARDS },
];

/**
 * The same treasury after the team fixed the vault: effects before the call, msg.sender for the owner
 * check, no selfdestruct. The legacy contract is unchanged, so its findings remain.
 */
export const DEMO_CONTRACTS_FIXED: readonly UploadedSource[] = DEMO_CONTRACTS.map((source) =>
  source.path === 'contracts/Vault.sol'
    ? {
        ...source,
        content: VAULT.replace(
          `        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        balances[msg.sender] = 0;
        totalDeposits -= amount;`,
          `        balances[msg.sender] = 0;
        totalDeposits -= amount;
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");`,
        )
          .replace('require(tx.origin == owner, "not owner");', 'require(msg.sender == owner, "not owner");')
          .replace(
            `
    function shutdown() external {
        selfdestruct(payable(msg.sender));
    }
`,
            '',
          ),
      }
    : source,
);
