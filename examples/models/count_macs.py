#!/usr/bin/env python3
"""Count the multiply-accumulates of the torchvision networks exported here, with PyTorch itself.

Forward hooks add Cout*Hout*Wout*(Cin/groups)*Kh*Kw for every Conv2d and in*out for every Linear,
which is what `cimflow model inspect` counts from the ONNX graph. Untrained weights give the same
count, so nothing is downloaded. Usage: python3 count_macs.py (Debian's PyTorch 1.13 works).
"""
import torch
import torchvision


def count_macs(model, size):
    """Return the MACs of one forward pass of a 1x3xSIZExSIZE image."""
    total = 0

    def on_conv(module, inputs, output):
        nonlocal total
        kernel_height, kernel_width = module.kernel_size
        per_output = module.in_channels // module.groups * kernel_height * kernel_width
        total += output[0].numel() * per_output

    def on_linear(module, inputs, output):
        nonlocal total
        total += output[0].numel() * module.in_features

    for module in model.modules():
        if isinstance(module, torch.nn.Conv2d):
            module.register_forward_hook(on_conv)
        elif isinstance(module, torch.nn.Linear):
            module.register_forward_hook(on_linear)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, size, size))
    return total


def main():
    networks = {
        "resnet18": torchvision.models.resnet18,
        "mobilenet_v2": torchvision.models.mobilenet_v2,
        "efficientnet_b0": torchvision.models.efficientnet_b0,
    }
    for name, factory in networks.items():
        for size in (32, 224):
            print(f"{name}_{size}.onnx {count_macs(factory(), size):,} MACs per image")


if __name__ == "__main__":
    main()
