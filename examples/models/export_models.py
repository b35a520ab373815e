#!/usr/bin/python3
"""Export the ONNX models that cimflow's examples and tests use.

Run with Debian's interpreter, the one that can import Debian's python3-torch and python3-torchvision:

    /usr/bin/python3 examples/models/export_models.py [--out DIR] [--with-weights-resnet18 FILE]
    /usr/bin/python3 examples/models/export_models.py --functional-only [--functional-out DIR]

Every export is deterministic (fixed seeds, fixed opsets). Weights are left out
(export_params=False) except for the small trained network, so the committed files stay small;
cimflow's compiler and simulator need only shapes; the trained one carries real weights for value checks.
The functional-verification models (a few kilobytes each, seeded weights) go into the engine's test
resources.
"""

import argparse
import os
import struct

import torch
import torch.nn as nn
import torchvision

FUNCTIONAL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                              "cimflow-engine", "src", "test", "resources", "functional")


class BasicBlock(nn.Module):
    """ResNet basic block with the module names of CIMFlow's CIFAR ResNet18 sample."""

    expansion = 1

    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.residual_function = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
        )
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x):
        return nn.functional.relu(self.residual_function(x) + self.shortcut(x))


class CifarResNet18(nn.Module):
    """ResNet18 for 32x32 inputs: 3x3 stem with stride 1 and no max pool (CIMFlow's tutorial network)."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1, bias=False),
            nn.BatchNorm2d(64),
            nn.ReLU(inplace=True),
        )
        self.in_channels = 64
        self.conv2_x = self._stage(64, 1)
        self.conv3_x = self._stage(128, 2)
        self.conv4_x = self._stage(256, 2)
        self.conv5_x = self._stage(512, 2)
        self.avg_pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512, num_classes)

    def _stage(self, out_channels, stride):
        blocks = [BasicBlock(self.in_channels, out_channels, stride), BasicBlock(out_channels, out_channels, 1)]
        self.in_channels = out_channels
        return nn.Sequential(*blocks)

    def forward(self, x):
        x = self.conv1(x)
        x = self.conv5_x(self.conv4_x(self.conv3_x(self.conv2_x(x))))
        x = torch.flatten(self.avg_pool(x), 1)
        return self.fc(x)


class TinyNet(nn.Module):
    """A small CNN with a residual block and depthwise-separable block, trained on synthetic data."""

    def __init__(self, num_classes=4):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.block = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))
        self.down = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.depthwise = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1, groups=16, bias=False), nn.BatchNorm2d(16),
                                       nn.ReLU())
        self.pointwise = nn.Sequential(nn.Conv2d(16, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(16, num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = nn.functional.relu(self.block(x) + x)
        x = self.pointwise(self.depthwise(self.down(x)))
        x = self.pool(x)
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)
        return self.head(x)


def synthetic_batch(generator, count, size=16):
    """Images with one bright 4x4 square; the label is the quadrant that contains it."""
    images = torch.randn(count, 3, size, size, generator=generator) * 0.3
    labels = torch.randint(0, 4, (count,), generator=generator)
    half = size // 2
    for i in range(count):
        row = (labels[i] // 2) * half + torch.randint(0, half - 4, (1,), generator=generator).item()
        col = (labels[i] % 2) * half + torch.randint(0, half - 4, (1,), generator=generator).item()
        images[i, :, row:row + 4, col:col + 4] += 2.0
    return images, labels


def train_tiny(steps=300):
    torch.manual_seed(7)
    generator = torch.Generator().manual_seed(7)
    model = TinyNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for _ in range(steps):
        images, labels = synthetic_batch(generator, 32)
        loss = nn.functional.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    images, labels = synthetic_batch(torch.Generator().manual_seed(99), 256)
    with torch.no_grad():
        accuracy = (model(images).argmax(1) == labels).float().mean().item()
    return model, accuracy


def randomize_batchnorm(model, seed):
    """Give every BatchNorm seeded statistics and affine terms, so folding yields real scales and biases."""
    generator = torch.Generator().manual_seed(seed)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            count = module.num_features
            module.running_mean.copy_(torch.rand(count, generator=generator) * 0.4 - 0.2)
            module.running_var.copy_(torch.rand(count, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(count, generator=generator) + 0.5)
            module.bias.data.copy_(torch.rand(count, generator=generator) * 0.4 - 0.2)
    return model


def conv_bn_relu(in_channels, out_channels, kernel=3, stride=1, groups=1):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel, stride=stride, padding=kernel // 2,
                                   groups=groups, bias=False),
                         nn.BatchNorm2d(out_channels), nn.ReLU())


class OneConv(nn.Module):
    """One 3x3 convolution with a bias."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class ConvReluPool(nn.Module):
    """Convolutions with ReLU, a max pool and an average pool (which must feed a weight layer)."""

    def __init__(self):
        super().__init__()
        self.first = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.second = nn.Sequential(nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2, count_include_pad=False))
        self.last = nn.Conv2d(16, 8, 1)

    def forward(self, x):
        return self.last(self.second(self.first(x)))


class ResidualBlocks(nn.Module):
    """A stem and two residual blocks: one with an identity shortcut, one strided with a 1x1 projection."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(3, 16)
        self.identity = BasicBlock(16, 16)
        self.projection = BasicBlock(16, 32, stride=2)

    def forward(self, x):
        return self.projection(self.identity(self.stem(x)))


class DepthwiseSeparable(nn.Module):
    """A stem and two depthwise-separable blocks (3x3 depthwise, 1x1 pointwise), the second strided."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn_relu(3, 16)
        self.blocks = nn.Sequential(conv_bn_relu(16, 16, groups=16), conv_bn_relu(16, 32, kernel=1),
                                    conv_bn_relu(32, 32, stride=2, groups=32), conv_bn_relu(32, 32, kernel=1))

    def forward(self, x):
        return self.blocks(self.stem(x))


class FcHead(nn.Module):
    """A strided convolution, a flatten of its 4x4 map and two fully connected layers."""

    def __init__(self):
        super().__init__()
        self.features = conv_bn_relu(3, 8, stride=2)
        self.head = nn.Sequential(nn.Linear(8 * 4 * 4, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(torch.flatten(self.features(x), 1))


class WideConvs(nn.Module):
    """Convolutions wide enough that small cores split them by output channels and by input channels."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(conv_bn_relu(3, 16), conv_bn_relu(16, 128), conv_bn_relu(128, 32),
                                    nn.MaxPool2d(2), conv_bn_relu(32, 32))

    def forward(self, x):
        return self.layers(x)


FUNCTIONAL_MODELS = {
    "one_conv": (OneConv, (1, 3, 8, 8)),
    "conv_relu_pool": (ConvReluPool, (1, 3, 16, 16)),
    "residual_blocks": (ResidualBlocks, (1, 3, 8, 8)),
    "depthwise_separable": (DepthwiseSeparable, (1, 3, 8, 8)),
    "fc_head": (FcHead, (1, 3, 8, 8)),
    "wide_convs": (WideConvs, (1, 3, 8, 8)),
}


def export_functional_models(out):
    """Writes the small models of the functional tests, each with its own seeded weights."""
    os.makedirs(out, exist_ok=True)
    for seed, (name, (factory, shape)) in enumerate(sorted(FUNCTIONAL_MODELS.items()), start=100):
        torch.manual_seed(seed)
        model = randomize_batchnorm(factory(), seed)
        export(model, os.path.join(out, f"{name}.onnx"), shape, weights=True)
    export(OneConv(), os.path.join(out, "one_conv_without_weights.onnx"), FUNCTIONAL_MODELS["one_conv"][1])


def write_fixture(model, path, seed=123, count=4):
    """Write seeded synthetic inputs and the model's float outputs, for checking cimflow's float executor.

    Layout, all little-endian: int32 sample count, int32 input length, int32 output length, then per
    sample the input (float32, NCHW) followed by the output (float32).
    """
    images, _ = synthetic_batch(torch.Generator().manual_seed(seed), count)
    with torch.no_grad():
        outputs = model(images)
    with open(path, "wb") as file:
        file.write(struct.pack("<3i", count, images[0].numel(), outputs[0].numel()))
        for image, output in zip(images, outputs):
            values = image.flatten().tolist() + output.flatten().tolist()
            file.write(struct.pack(f"<{len(values)}f", *values))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def export(model, path, input_shape, opset=13, weights=False, dynamic_batch=False, keep_batchnorm=False):
    model.eval()
    dummy = torch.zeros(*input_shape)
    kwargs = {}
    if dynamic_batch:
        kwargs["dynamic_axes"] = {"input": {0: "batch"}, "output": {0: "batch"}}
    if keep_batchnorm:
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
        kwargs["do_constant_folding"] = False
    torch.onnx.export(model, dummy, path, opset_version=opset, export_params=weights,
                      input_names=["input"], output_names=["output"], **kwargs)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)), help="output folder")
    parser.add_argument("--with-weights-resnet18", metavar="FILE",
                        help="only write a CIFAR ResNet18 with random weights (about 45 MB) to FILE, for benchmarks")
    parser.add_argument("--functional-only", action="store_true",
                        help="only write the small models of the functional tests")
    parser.add_argument("--functional-out", default=FUNCTIONAL_DIR,
                        help="output folder of the functional test models")
    args = parser.parse_args()
    torch.manual_seed(0)

    if args.functional_only:
        export_functional_models(args.functional_out)
        return

    if args.with_weights_resnet18:
        export(CifarResNet18(), args.with_weights_resnet18, (1, 3, 32, 32), weights=True)
        return

    out = args.out
    os.makedirs(out, exist_ok=True)
    export(CifarResNet18(), os.path.join(out, "resnet18_cifar.onnx"), (1, 3, 32, 32))
    export(CifarResNet18(), os.path.join(out, "resnet18_cifar_opset11.onnx"), (1, 3, 32, 32), opset=11)
    export(CifarResNet18(), os.path.join(out, "resnet18_cifar_opset17.onnx"), (1, 3, 32, 32), opset=17)
    export(CifarResNet18(), os.path.join(out, "resnet18_cifar_dynamic_batch.onnx"), (1, 3, 32, 32),
           dynamic_batch=True)
    export(CifarResNet18(), os.path.join(out, "resnet18_cifar_batchnorm.onnx"), (1, 3, 32, 32),
           keep_batchnorm=True)

    torchvision_models = {
        "resnet18": torchvision.models.resnet18,
        "resnet50": torchvision.models.resnet50,
        "mobilenet_v2": torchvision.models.mobilenet_v2,
        "efficientnet_b0": torchvision.models.efficientnet_b0,
        "googlenet": lambda: torchvision.models.googlenet(aux_logits=False, init_weights=False),
    }
    for name, factory in torchvision_models.items():
        for size in (32, 224):
            export(factory(), os.path.join(out, f"{name}_{size}.onnx"), (1, 3, size, size))

    tiny, accuracy = train_tiny()
    print(f"tiny network accuracy on 256 held-out synthetic images: {accuracy:.3f}")
    export(tiny, os.path.join(out, "tinynet_trained.onnx"), (1, 3, 16, 16), weights=True)
    write_fixture(tiny, os.path.join(out, "tinynet_trained_outputs.bin"))
    export_functional_models(args.functional_out)


if __name__ == "__main__":
    main()
