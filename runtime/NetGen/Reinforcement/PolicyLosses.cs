namespace NetGen.Reinforcement;

/// <summary>
/// The terms of a policy-gradient loss over a batch, each a mean over its rows. <see cref="Total"/> is the loss whose
/// gradient the helper wrote: <c>Policy - entropyCoefficient * Entropy + valueCoefficient * Value</c>.
/// </summary>
/// <param name="Policy">The policy term, <c>-(1/rows) sum_r A_r log pi(a_r | s_r)</c>, with the advantages <c>A_r</c> taken as constants.</param>
/// <param name="Entropy">The mean entropy of the policy, <c>(1/rows) sum_r H(pi(. | s_r))</c>, in nats; its largest value is <c>log actionCount</c>.</param>
/// <param name="Value">The value term, <c>(1/rows) sum_r (V(s_r) - G_r)^2 / 2</c>, or 0 without a value head.</param>
/// <param name="Total">The loss whose gradient was written.</param>
public readonly record struct PolicyLosses(float Policy, float Entropy, float Value, float Total);
