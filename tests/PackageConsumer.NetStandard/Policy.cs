using NetGen;

namespace Game
{
    /// <summary>A small policy network, declared as in a Unity project.</summary>
    [Network(4, Loss = Loss.CategoricalCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
    [Dense(16, Activation.ReLU)]
    [Dense(3, Activation.Softmax)]
    public partial class Policy
    {
        /// <summary>The most likely action for one observation.</summary>
        public int Act(float[] observation)
        {
            var scores = new float[OutputSize];
            Predict(observation, scores);
            int best = 0;
            for (int i = 1; i < scores.Length; i++)
            {
                if (scores[i] > scores[best])
                {
                    best = i;
                }
            }

            return best;
        }
    }
}
